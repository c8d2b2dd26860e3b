package com.userautomations.automation;

import java.util.Optional;

/** Event types an automation can start on. */
public enum TriggerType implements WireNamed {
    USER_SIGNED_UP("user.signed_up"),
    USER_ENROLLED("user.enrolled"),
    USER_UNENROLLED("user.unenrolled"),
    COURSE_COMPLETED("course.completed"),
    CERTIFICATE_AWARDED("certificate.awarded"),
    COURSE_PREVIEWED("course.previewed"),
    FORM_SUBMITTED("form.submitted"),
    TAGS_ADDED("tags.added"),
    TAGS_REMOVED("tags.removed"),
    COUPON_CLAIMED("coupon.claimed"),
    USER_VISITED("user.visited"),
    /** Not an event: the inactivity scan starts these runs (API.md 1.1, "Activity and inactivity"). */
    USER_INACTIVE("user.inactive");

    private final String wireName;

    TriggerType(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    /** Whether its events always name a course ({@code courseId} is required), so {@code {course.title}} is filled. */
    public boolean namesCourse() {
        return switch (this) {
            case USER_ENROLLED, USER_UNENROLLED, COURSE_COMPLETED, CERTIFICATE_AWARDED, COURSE_PREVIEWED -> true;
            default -> false;
        };
    }

    public static Optional<TriggerType> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
