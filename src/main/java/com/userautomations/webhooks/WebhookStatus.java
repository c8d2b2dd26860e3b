package com.userautomations.webhooks;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** Only an enabled endpoint gets the changes it subscribes to; a disabled one gets pings only. */
public enum WebhookStatus {
    ENABLED,
    DISABLED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<WebhookStatus> fromWire(String wire) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(wire)).findFirst();
    }
}
