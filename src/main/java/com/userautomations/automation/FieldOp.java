package com.userautomations.automation;

import java.util.Optional;

/** Operators of the field condition. */
public enum FieldOp implements WireNamed {
    EQUALS,
    NOT_EQUALS,
    CONTAINS,
    STARTS_WITH,
    EXISTS,
    GT,
    LT;

    public static Optional<FieldOp> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
