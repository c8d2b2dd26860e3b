package com.userautomations.push;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A push as /pushes shows it: as an email, with the subscription, title and url for to and subject. */
@Schema(name = "Push", description = "one push to one subscription")
public record PushView(String id, String subscriptionId, String title, String body, @Schema(nullable = true) String url,
                       @Schema(enumeration = {"queued", "sent", "failed"}) String status,
                       String automationId, @Schema(nullable = true) String eventId, String runId, String userId,
                       int attempts, @Schema(nullable = true) String error, Instant createdAt,
                       @Schema(nullable = true) Instant sentAt) {
}
