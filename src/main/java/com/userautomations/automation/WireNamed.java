package com.userautomations.automation;

/**
 * A closed value with a fixed name in the REST API. For most enums that name is the constant's
 * name in lower case ({@code ADD_TAGS} is {@code add_tags}), so they declare nothing; an enum
 * whose names differ ({@link TriggerType}) overrides it.
 */
public interface WireNamed {
    default String wireName() {
        return WireNames.lowerCaseName((Enum<?>) this);
    }
}
