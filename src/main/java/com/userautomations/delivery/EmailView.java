package com.userautomations.delivery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** An email as /emails shows it; the absent values are written as null, never left out. */
@Schema(name = "Email", description = "one email to one recipient")
public record EmailView(String id, String to, String subject, String body,
                        @Schema(enumeration = {"queued", "sent", "failed"}) String status,
                        String automationId, String eventId, String runId, String userId, int attempts,
                        @Schema(nullable = true) String error, Instant createdAt,
                        @Schema(nullable = true) Instant sentAt,
                        @Schema(nullable = true, description = "true once an SMTP server accepted it; false while queued or failed, "
                                + "and for an email recorded with no SMTP configured") Boolean delivered) {
}
