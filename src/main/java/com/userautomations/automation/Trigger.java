package com.userautomations.automation;

import java.util.List;

/**
 * When an automation starts: an event type and optional filters. An empty list means "any";
 * lists that do not apply to the type stay empty.
 */
public record Trigger(TriggerType type, List<String> courseIds, List<String> reasons, List<String> formIds,
        List<String> couponCodes, List<String> tags) {

    public Trigger {
        if (type == null) {
            throw new IllegalArgumentException("trigger type is required");
        }
        courseIds = Lists.copy(courseIds);
        reasons = Lists.copy(reasons);
        formIds = Lists.copy(formIds);
        couponCodes = Lists.copy(couponCodes);
        tags = Lists.copy(tags);
    }

    /** A trigger without filters. */
    public static Trigger of(TriggerType type) {
        return new Trigger(type, List.of(), List.of(), List.of(), List.of(), List.of());
    }
}
