package com.userautomations.automation;

import java.util.Optional;

/** Who a send_email action writes to. */
public enum EmailRecipient implements WireNamed {
    USER,
    ADMINS,
    ADDRESS;

    public static Optional<EmailRecipient> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
