package com.userautomations.webhooks;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** An endpoint as GET shows it: never its secret. Absent values are written as null. */
@Schema(name = "Webhook", description = "an endpoint of the school's platform that receives signed deliveries")
public record WebhookView(String id, String url,
                          @Schema(description = "the subscribed event types, or [\"*\"] for all but webhook.ping") List<String> events,
                          @Schema(nullable = true) String description,
                          @Schema(enumeration = {"enabled", "disabled"}) String status,
                          @Schema(nullable = true, description = "why it was disabled") String disabledReason,
                          @Schema(nullable = true) Instant disabledAt,
                          Instant createdAt, Instant updatedAt) {
    static WebhookView of(WebhookEndpoint e) {
        return new WebhookView(e.id(), e.url(), e.events().names(), e.description(), e.status().wireName(),
                e.disabledReason(), e.disabledAt(), e.createdAt(), e.updatedAt());
    }
}
