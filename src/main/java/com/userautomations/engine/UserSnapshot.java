package com.userautomations.engine;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The user as automations see them when an event is evaluated (after the event's own state
 * change). Immutable; null collections become empty and null strings "" so that rule
 * constraints never meet a null.
 *
 * @param emailDomain lower-case domain of the email, "" if none (see {@link #domainOf})
 * @param courseIds   courses the user is enrolled in, active or completed
 * @param fields      custom fields; a key may map to null (then {@code exists} is false)
 */
public record UserSnapshot(String id, String email, String emailDomain, String role, String source,
        Instant registeredAt, Set<String> tags, Set<String> courseIds, Set<String> completedCourseIds,
        Set<String> spaceIds, Map<String, String> fields) {

    public UserSnapshot {
        id = orEmpty(id);
        email = orEmpty(email);
        emailDomain = orEmpty(emailDomain);
        role = orEmpty(role);
        source = orEmpty(source);
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        courseIds = courseIds == null ? Set.of() : Set.copyOf(courseIds);
        completedCourseIds = completedCourseIds == null ? Set.of() : Set.copyOf(completedCourseIds);
        spaceIds = spaceIds == null ? Set.of() : Set.copyOf(spaceIds);
        // Map.copyOf refuses null values, which mean "present but not set" here
        fields = fields == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The lower-cased part after the last '@', or "" when there is none. */
    public static String domainOf(String email) {
        if (email == null) {
            return "";
        }
        int at = email.lastIndexOf('@');
        return at < 0 ? "" : email.substring(at + 1).trim().toLowerCase(Locale.ROOT);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
