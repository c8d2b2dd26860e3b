package com.userautomations.automation;

/** A closed value with a fixed name in the REST API. */
public interface WireNamed {
    String wireName();
}
