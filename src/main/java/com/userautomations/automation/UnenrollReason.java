package com.userautomations.automation;

import java.util.Optional;

/** Why a user was unenrolled. */
public enum UnenrollReason implements WireNamed {
    EXPIRED("expired"),
    SUBSCRIPTION_ENDED("subscription_ended"),
    ADMIN("admin"),
    OTHER("other");

    private final String wireName;

    UnenrollReason(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<UnenrollReason> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
