package com.userautomations.engine;

import java.util.Map;
import java.util.Set;

/** Builds an {@link EventFact} field by field: tests set only what they test. */
public final class EventFactBuilder {
    private String schoolId;
    private String type;
    private String courseId;
    private String formId;
    private String couponCode;
    private String certificateId;
    private String reason;
    private Set<String> tagsAdded;
    private Set<String> tagsRemoved;
    private Map<String, String> fields;
    private UserSnapshot user;
    private SchoolSnapshot school;

    public EventFactBuilder schoolId(String v) {
        schoolId = v;
        return this;
    }

    public EventFactBuilder type(String v) {
        type = v;
        return this;
    }

    public EventFactBuilder courseId(String v) {
        courseId = v;
        return this;
    }

    public EventFactBuilder formId(String v) {
        formId = v;
        return this;
    }

    public EventFactBuilder couponCode(String v) {
        couponCode = v;
        return this;
    }

    public EventFactBuilder certificateId(String v) {
        certificateId = v;
        return this;
    }

    public EventFactBuilder reason(String v) {
        reason = v;
        return this;
    }

    public EventFactBuilder tagsAdded(Set<String> v) {
        tagsAdded = v;
        return this;
    }

    public EventFactBuilder tagsRemoved(Set<String> v) {
        tagsRemoved = v;
        return this;
    }

    public EventFactBuilder fields(Map<String, String> v) {
        fields = v;
        return this;
    }

    public EventFactBuilder user(UserSnapshot v) {
        user = v;
        return this;
    }

    public EventFactBuilder school(SchoolSnapshot v) {
        school = v;
        return this;
    }

    public EventFact build() {
        return new EventFact(schoolId, type, courseId, formId, couponCode, certificateId, reason, tagsAdded,
                tagsRemoved, fields, user, school);
    }
}
