package com.userautomations.automation;

import java.util.Optional;

/** Operators of the field condition. */
public enum FieldOp implements WireNamed {
    EQUALS("equals"),
    NOT_EQUALS("not_equals"),
    CONTAINS("contains"),
    STARTS_WITH("starts_with"),
    EXISTS("exists"),
    GT("gt"),
    LT("lt");

    private final String wireName;

    FieldOp(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<FieldOp> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
