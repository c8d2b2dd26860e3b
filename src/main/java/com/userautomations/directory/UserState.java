package com.userautomations.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/** A user as automations see it: profile, tags, enrollments and spaces (and the last visit, as read). */
public record UserState(String id, String email, String firstName, String lastName, String role,
                        Instant registeredAt, String source, String timezone, ObjectNode fields,
                        SortedSet<String> tags, Map<String, Enrollment> enrollments, SortedSet<String> spaces,
                        Instant lastVisitedAt) {

    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "Enrollment")
    public record Enrollment(String courseId, String status, Instant enrolledAt, Instant completedAt,
                             @org.eclipse.microprofile.openapi.annotations.media.Schema(nullable = true) Instant lastVisitedAt) {
    }

    public String emailDomain() {
        if (email == null) {
            return "";
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
    }

    public List<Enrollment> enrollmentList() {
        return List.copyOf(enrollments.values());
    }
}
