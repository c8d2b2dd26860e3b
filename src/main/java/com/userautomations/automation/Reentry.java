package com.userautomations.automation;

import java.util.Optional;

/** Whether an automation may run again for the same user. */
public enum Reentry implements WireNamed {
    EVERY_TIME("every_time"),
    ONCE_PER_USER("once_per_user");

    private final String wireName;

    Reentry(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<Reentry> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
