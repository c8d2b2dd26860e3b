package com.userautomations.common;

import jakarta.enterprise.context.RequestScoped;

/**
 * The school a request acts on, resolved once by {@link AccessFilter}: it exists and the caller
 * may act on it. Resources under {@code /api/v1/schools/{schoolId}} take its id from here.
 */
@RequestScoped
public class RequestSchool {
    private String id;

    void resolve(String schoolId) {
        this.id = schoolId;
    }

    /** The resolved school's id; only requests on a school's path have one. */
    public String id() {
        if (id == null) {
            throw new IllegalStateException("no school resolved for this request");
        }
        return id;
    }
}
