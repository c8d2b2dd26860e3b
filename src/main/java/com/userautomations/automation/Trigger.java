package com.userautomations.automation;

import java.util.List;

/**
 * When an automation starts: an event type and optional filters. An empty list means "any";
 * lists that do not apply to the type stay empty. {@code days} is user.inactive's threshold
 * (null for every other type).
 */
public record Trigger(TriggerType type, List<String> courseIds, List<String> reasons, List<String> formIds,
        List<String> couponCodes, List<String> tags, Integer days) {

    public Trigger {
        if (type == null) {
            throw new IllegalArgumentException("trigger type is required");
        }
        courseIds = Lists.copy(courseIds);
        reasons = Lists.copy(reasons);
        formIds = Lists.copy(formIds);
        couponCodes = Lists.copy(couponCodes);
        tags = Lists.copy(tags);
        if ((type == TriggerType.USER_INACTIVE) != (days != null)) {
            throw new IllegalArgumentException("days is user.inactive's, and it needs it");
        }
    }

    /** A trigger of an event type (every type but user.inactive). */
    public Trigger(TriggerType type, List<String> courseIds, List<String> reasons, List<String> formIds,
            List<String> couponCodes, List<String> tags) {
        this(type, courseIds, reasons, formIds, couponCodes, tags, null);
    }

    /** user.inactive: {@code days} without a visit (to one of {@code courseIds}, if any). */
    public static Trigger inactive(int days, List<String> courseIds) {
        return new Trigger(TriggerType.USER_INACTIVE, courseIds, List.of(), List.of(), List.of(), List.of(), days);
    }

    /**
     * The courses the rule's event must name. user.inactive's courses are those whose visits the
     * inactivity scan counts; its runs name at most one course, so the rule does not filter them.
     */
    public List<String> eventCourseIds() {
        return type == TriggerType.USER_INACTIVE ? List.of() : courseIds;
    }

    /**
     * Whether every run this trigger starts names a course, so {@code {course.title}} is filled:
     * the types whose events require one, user.visited filtered by course, and user.inactive for
     * exactly one course (its runs have no event; the course is the one listed).
     */
    public boolean namesCourse() {
        return switch (type) {
            case USER_VISITED -> !courseIds.isEmpty();
            case USER_INACTIVE -> courseIds.size() == 1;
            default -> type.namesCourse();
        };
    }

    /** A trigger without filters. */
    public static Trigger of(TriggerType type) {
        return new Trigger(type, List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
