package com.userautomations.webhooks;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** The answer of a create: the endpoint and its signing secret, shown this once. */
@Schema(name = "NewWebhook", description = "the created endpoint with its signing secret, shown only here")
public record NewWebhookView(String id, String url, List<String> events,
                             @Schema(nullable = true) String description,
                             @Schema(enumeration = {"enabled", "disabled"}) String status,
                             @Schema(description = "whsec_ and the padded standard base64 of 32 random bytes") String secret,
                             @Schema(nullable = true) String disabledReason,
                             @Schema(nullable = true) Instant disabledAt,
                             Instant createdAt, Instant updatedAt) {
    static NewWebhookView of(WebhookEndpoint e, WebhookSecret secret) {
        return new NewWebhookView(e.id(), e.url(), e.events().names(), e.description(), e.status().wireName(),
                secret.value(), e.disabledReason(), e.disabledAt(), e.createdAt(), e.updatedAt());
    }
}
