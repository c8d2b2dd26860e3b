package com.userautomations.automation;

import java.util.Optional;

/** User roles. */
public enum Role implements WireNamed {
    LEARNER("learner"),
    INSTRUCTOR("instructor"),
    ADMIN("admin"),
    LEAD("lead");

    private final String wireName;

    Role(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<Role> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
