package com.userautomations.push;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The request body of the subscriptions endpoint, for the OpenAPI document (BodyReader reads it). */
final class PushSchemas {
    private PushSchemas() {
    }

    @Schema(name = "PushSubscriptionRequest", description = "PushSubscription.toJSON() as the browser gives it")
    record SubscriptionRequest(
            @Schema(required = true, description = "the push service's URL for this browser (absolute https)") String endpoint,
            @Schema(nullable = true, description = "Unix milliseconds; null or absent: never") Long expirationTime,
            @Schema(required = true) Keys keys) {
    }

    @Schema(name = "PushSubscriptionKeys")
    record Keys(
            @Schema(required = true, description = "base64url (padded or not) of the browser's 65-byte P-256 point") String p256dh,
            @Schema(required = true, description = "base64url (padded or not) of the 16-byte auth secret") String auth) {
    }
}
