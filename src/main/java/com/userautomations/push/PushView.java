package com.userautomations.push;

import com.userautomations.common.Sql;
import com.userautomations.delivery.OutboxQueries;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** A push as /pushes shows it: as an email, with the subscription, title and url for to and subject. */
@Schema(name = "Push", description = "one push to one subscription")
public record PushView(String id, String subscriptionId, String title, String body, @Schema(nullable = true) String url,
                       @Schema(enumeration = {"queued", "sent", "failed", "skipped"}) String status,
                       String automationId, @Schema(nullable = true) String eventId, String runId, String userId,
                       int attempts, @Schema(nullable = true) String error, Instant createdAt,
                       @Schema(nullable = true) Instant sentAt,
                       @Schema(nullable = true, description = "created outside the school's send window: not sent before "
                               + "this opening; null otherwise") Instant notBefore) {
    /** How {@link OutboxQueries} reads the pushes table as this view. */
    public static final OutboxQueries.Table<PushView> TABLE = new OutboxQueries.Table<>("pushes",
            "id, subscription_id, title, body, url, status, automation_id, event_id, run_id, user_id, attempts, "
                    + "last_error, created_at, sent_at, not_before", PushView::read, PushView::createdAt, PushView::id);

    private static PushView read(ResultSet rs) throws SQLException {
        return new PushView(rs.getString("id"), rs.getString("subscription_id"), rs.getString("title"),
                rs.getString("body"), rs.getString("url"), OutboxQueries.shownStatus(rs.getString("status")),
                rs.getString("automation_id"), rs.getString("event_id"), rs.getString("run_id"), rs.getString("user_id"),
                rs.getInt("attempts"), rs.getString("last_error"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "sent_at"), Sql.instant(rs, "not_before"));
    }
}
