package com.userautomations.delivery;

import com.userautomations.common.Sql;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** An email as /emails shows it; the absent values are written as null, never left out. */
@Schema(name = "Email", description = "one email to one recipient")
public record EmailView(String id, String to, String subject, String body,
                        @Schema(enumeration = {"queued", "sent", "failed", "skipped"}) String status,
                        String automationId, String eventId, String runId, String userId, int attempts,
                        @Schema(nullable = true) String error, Instant createdAt,
                        @Schema(nullable = true) Instant sentAt,
                        @Schema(nullable = true, description = "true once an SMTP server accepted it; false while queued or failed, "
                                + "and for an email recorded with no SMTP configured") Boolean delivered,
                        @Schema(nullable = true, description = "created outside the school's send window: not sent before "
                                + "this opening; null otherwise") Instant notBefore) {
    /** How {@link OutboxQueries} reads the emails table as this view. */
    public static final OutboxQueries.Table<EmailView> TABLE = new OutboxQueries.Table<>("emails",
            "id, to_address, subject, body, status, automation_id, event_id, run_id, user_id, attempts, last_error, "
                    + "created_at, sent_at, delivered, not_before", EmailView::read, EmailView::createdAt, EmailView::id);

    private static EmailView read(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        // sent without SMTP configured is only recorded (and logged): not delivered
        Boolean delivered = "sent".equals(status) ? rs.getObject("delivered", Boolean.class) : Boolean.FALSE;
        return new EmailView(rs.getString("id"), rs.getString("to_address"), rs.getString("subject"),
                rs.getString("body"), OutboxQueries.shownStatus(status),
                rs.getString("automation_id"), rs.getString("event_id"), rs.getString("run_id"), rs.getString("user_id"),
                rs.getInt("attempts"), rs.getString("last_error"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "sent_at"), delivered, Sql.instant(rs, "not_before"));
    }
}
