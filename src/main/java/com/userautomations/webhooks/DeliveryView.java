package com.userautomations.webhooks;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One delivery of the log, as the deliveries list shows it; absent values are written as null. */
@Schema(name = "WebhookDelivery", description = "one change sent (or to be sent) to one endpoint")
public record DeliveryView(@Schema(description = "the webhook-id header: msg_ and 26 of [0-9A-Za-z]") String id,
                           String webhookId, String type,
                           @Schema(enumeration = {"queued", "sending", "delivered", "failed"}) String status,
                           int attempts,
                           @Schema(nullable = true, description = "the HTTP status of the last answer") Integer lastStatusCode,
                           @Schema(nullable = true, description = "why the last attempt failed, a sentence") String error,
                           @Schema(nullable = true) String userId, @Schema(nullable = true) String runId,
                           Instant createdAt,
                           @Schema(nullable = true, description = "null once delivered or failed") Instant nextAttemptAt,
                           @Schema(nullable = true) Instant deliveredAt) {
}
