package com.userautomations.webhooks;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** One delivery as the delivery log shows it; the absent values are written as null. */
@Schema(name = "WebhookDelivery", description = "one change delivered (or to be delivered) to one endpoint")
public record WebhookDeliveryView(@Schema(description = "also the webhook-id header of every attempt") String id,
                                  String webhookId, String type,
                                  @Schema(enumeration = {"queued", "sending", "delivered", "failed"}) String status,
                                  int attempts, @Schema(nullable = true) Integer lastStatusCode,
                                  @Schema(nullable = true) String error, @Schema(nullable = true) String userId,
                                  @Schema(nullable = true) String runId, Instant createdAt,
                                  @Schema(nullable = true, description = "when the next attempt is due, while queued")
                                  Instant nextAttemptAt,
                                  @Schema(nullable = true) Instant deliveredAt) {
}
