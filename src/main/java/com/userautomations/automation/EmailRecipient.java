package com.userautomations.automation;

import java.util.Optional;

/** Who a send_email action writes to. */
public enum EmailRecipient implements WireNamed {
    USER("user"),
    ADMINS("admins"),
    ADDRESS("address");

    private final String wireName;

    EmailRecipient(String wireName) {
        this.wireName = wireName;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    public static Optional<EmailRecipient> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
