package com.userautomations.automation;

import java.util.Optional;

/** User roles. */
public enum Role implements WireNamed {
    LEARNER,
    INSTRUCTOR,
    ADMIN,
    LEAD;

    public static Optional<Role> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
