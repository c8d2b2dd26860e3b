package com.userautomations.common;

/** Whether a school exists (implemented where schools are stored); asked once per operator request. */
public interface SchoolLookup {
    boolean exists(String schoolId);
}
