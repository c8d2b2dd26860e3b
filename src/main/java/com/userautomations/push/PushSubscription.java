package com.userautomations.push;

import java.time.Instant;

/** A user's stored subscription: where a push goes ({@code endpoint}) and the keys it is encrypted to. */
public record PushSubscription(String schoolId, String userId, String id, String endpoint, PushSubscriptionKeys keys,
        Instant expirationTime, Instant createdAt, Instant updatedAt) {

    /** Whether the browser's subscription has ended ({@code expirationTime} passed); no expiration never ends. */
    public boolean expiredAt(Instant now) {
        return expirationTime != null && !expirationTime.isAfter(now);
    }

    /** The push service's origin: the per-target concurrency key of the outbox ({@code pushes.target}). */
    public String target() {
        return VapidAuthorization.audience(endpoint);
    }
}
