package com.userautomations.delivery;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** Emails as the OpenAPI document names them (the rows {@link EmailQueries} answers). */
final class EmailSchemas {
    private EmailSchemas() {
    }

    @Schema(name = "Email", description = "one email to one recipient")
    record Email(String id, String to, String subject, String body,
                 @Schema(enumeration = {"queued", "sent", "failed"}) String status,
                 String automationId, String eventId, String runId, String userId, int attempts,
                 @Schema(nullable = true) String error, Instant createdAt, @Schema(nullable = true) Instant sentAt,
                 @Schema(nullable = true, description = "true once an SMTP server accepted it; false while queued or failed, "
                         + "and for an email recorded with no SMTP configured") Boolean delivered) {
    }

    @Schema(name = "EmailList")
    record EmailList(List<Email> items, @Schema(nullable = true, description = "null on the last page") String nextCursor) {
    }
}
