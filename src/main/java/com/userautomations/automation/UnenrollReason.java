package com.userautomations.automation;

import java.util.Optional;

/** Why a user was unenrolled. */
public enum UnenrollReason implements WireNamed {
    EXPIRED,
    SUBSCRIPTION_ENDED,
    ADMIN,
    OTHER;

    public static Optional<UnenrollReason> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
