package com.userautomations.events;

import java.util.List;
import java.util.Set;

/** The closed set of event types and unenrollment reasons (API.md). */
public final class EventTypes {
    public static final String SIGNED_UP = "user.signed_up";
    public static final String ENROLLED = "user.enrolled";
    public static final String UNENROLLED = "user.unenrolled";
    public static final String COMPLETED = "course.completed";
    public static final String CERTIFICATE = "certificate.awarded";
    public static final String PREVIEWED = "course.previewed";
    public static final String FORM = "form.submitted";
    public static final String TAGS_ADDED = "tags.added";
    public static final String TAGS_REMOVED = "tags.removed";
    public static final String COUPON = "coupon.claimed";
    public static final String VISITED = "user.visited";

    public static final Set<String> ALL = new java.util.LinkedHashSet<>(List.of(SIGNED_UP, ENROLLED, UNENROLLED,
            COMPLETED, CERTIFICATE, PREVIEWED, FORM, TAGS_ADDED, TAGS_REMOVED, COUPON, VISITED));
    public static final Set<String> REASONS = new java.util.LinkedHashSet<>(
            List.of("expired", "subscription_ended", "admin", "other"));

    private EventTypes() {
    }
}
