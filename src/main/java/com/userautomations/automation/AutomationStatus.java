package com.userautomations.automation;

import java.util.Optional;

/** Only active automations are compiled into a school's rule base. */
public enum AutomationStatus implements WireNamed {
    ACTIVE,
    PAUSED;

    public static Optional<AutomationStatus> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }

    /** The accepted wire names, for error messages. */
    public static String allowed() {
        return WireNames.list(values());
    }
}
