package com.userautomations.automation;

import java.util.Optional;

/** Whether an automation may run again for the same user. */
public enum Reentry implements WireNamed {
    EVERY_TIME,
    ONCE_PER_USER;

    public static Optional<Reentry> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
