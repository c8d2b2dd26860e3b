package com.userautomations.push;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A subscription as listed: never its keys. */
@Schema(name = "PushSubscription")
public record PushSubscriptionView(
        String id,
        String endpoint,
        @Schema(description = "when the browser ends the subscription, Unix milliseconds; null: never", nullable = true)
        Long expirationTime,
        Instant createdAt) {

    static PushSubscriptionView of(PushSubscription s) {
        return new PushSubscriptionView(s.id(), s.endpoint(),
                s.expirationTime() == null ? null : s.expirationTime().toEpochMilli(), s.createdAt());
    }
}
