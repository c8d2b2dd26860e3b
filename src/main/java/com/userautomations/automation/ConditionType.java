package com.userautomations.automation;

import java.util.Optional;

/** Wire names of the condition leaves ({@code {"type": "has_tags", ...}}). */
public enum ConditionType implements WireNamed {
    REGISTERED_BEFORE,
    REGISTERED_AFTER,
    HAS_TAGS,
    HAS_ANY_TAG,
    EMAIL_DOMAIN,
    ROLE,
    SOURCE,
    ENROLLED_IN,
    COMPLETED_COURSE,
    IN_SPACE,
    FIELD,
    DECISION;

    public static Optional<ConditionType> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    public static String allowed() {
        return WireNames.list(values());
    }

    /** The leaf type of a condition, or empty for all / any / not. */
    public static Optional<ConditionType> of(Condition c) {
        if (c instanceof Condition.RegisteredBefore) {
            return Optional.of(REGISTERED_BEFORE);
        } else if (c instanceof Condition.RegisteredAfter) {
            return Optional.of(REGISTERED_AFTER);
        } else if (c instanceof Condition.HasTags) {
            return Optional.of(HAS_TAGS);
        } else if (c instanceof Condition.HasAnyTag) {
            return Optional.of(HAS_ANY_TAG);
        } else if (c instanceof Condition.EmailDomain) {
            return Optional.of(EMAIL_DOMAIN);
        } else if (c instanceof Condition.RoleIn) {
            return Optional.of(ROLE);
        } else if (c instanceof Condition.SourceIn) {
            return Optional.of(SOURCE);
        } else if (c instanceof Condition.EnrolledIn) {
            return Optional.of(ENROLLED_IN);
        } else if (c instanceof Condition.CompletedCourse) {
            return Optional.of(COMPLETED_COURSE);
        } else if (c instanceof Condition.InSpace) {
            return Optional.of(IN_SPACE);
        } else if (c instanceof Condition.Field) {
            return Optional.of(FIELD);
        } else if (c instanceof Condition.Decision) {
            return Optional.of(DECISION);
        }
        return Optional.empty();
    }
}
