package com.userautomations.webhooks;

import com.userautomations.common.ApiException;
import com.userautomations.common.Cursors;
import com.userautomations.common.FieldError;
import com.userautomations.common.Page;
import com.userautomations.common.Sql;
import com.userautomations.delivery.OutboxRetries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The delivery log of an endpoint, a replay of one delivery, and pings. */
@ApplicationScoped
public class WebhookDeliveries {
    private static final String COLUMNS = "id, webhook_id, type, status, attempts, last_status_code, last_error, user_id, "
            + "run_id, created_at, next_attempt_at, delivered_at";
    private static final Set<String> STATUSES = Set.of("queued", "sending", "delivered", "failed");

    private final Sql sql;
    private final Cursors cursors;
    private final WebhookEndpoints endpoints;
    private final WebhookOutbox outbox;
    private final OutboxRetries retries;
    private final WebhookChannel channel;

    public WebhookDeliveries(Sql sql, Cursors cursors, WebhookEndpoints endpoints, WebhookOutbox outbox,
                             OutboxRetries retries, WebhookChannel channel) {
        this.sql = sql;
        this.cursors = cursors;
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.retries = retries;
        this.channel = channel;
    }

    /** A page of the endpoint's deliveries, newest first, optionally of one status. */
    @Transactional
    public Page<WebhookDeliveryView> list(String schoolId, String webhookId, String status, String limit, String cursor) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid(List.of(new FieldError("status", "must be one of queued, sending, delivered, failed")));
        }
        requireEndpoint(schoolId, webhookId);
        String scope = Cursors.scope("webhook-deliveries", schoolId, webhookId, status);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        StringBuilder where = new StringBuilder("school_id = ? AND webhook_id = ?");
        List<Object> params = new ArrayList<>(List.of(schoolId, webhookId));
        if (status != null) {
            where.append(" AND status = ?");
            params.add(status);
        }
        where.append(page.newestFirstAfter("created_at", params));
        params.add(page.fetch());
        List<WebhookDeliveryView> rows = sql.query("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE " + where
                + " ORDER BY created_at DESC, id LIMIT ?", WebhookDeliveries::row, params.toArray());
        return cursors.page(rows, page, scope, d -> List.of(d.createdAt().toString(), d.id()));
    }

    /** Sends a delivered or failed delivery again, with the same webhook-id; 409 while queued or sending. */
    @Transactional
    public WebhookDeliveryView retry(String schoolId, String deliveryId) {
        retries.retry(channel, "webhook delivery", schoolId, deliveryId);
        return sql.one("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE school_id = ? AND id = ?",
                WebhookDeliveries::row, schoolId, deliveryId).orElseThrow();
    }

    /** Queues a ping (sent even to a disabled endpoint); returns the delivery's id. */
    @Transactional
    public String ping(String schoolId, String webhookId) {
        requireEndpoint(schoolId, webhookId);
        return outbox.ping(schoolId, webhookId);
    }

    private void requireEndpoint(String schoolId, String webhookId) {
        if (endpoints.find(schoolId, webhookId).isEmpty()) {
            throw ApiException.notFound("No such webhook endpoint");
        }
    }

    private static WebhookDeliveryView row(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        return new WebhookDeliveryView(rs.getString("id"), rs.getString("webhook_id"), rs.getString("type"), status,
                rs.getInt("attempts"), (Integer) rs.getObject("last_status_code"), rs.getString("last_error"),
                rs.getString("user_id"), rs.getString("run_id"), Sql.instant(rs, "created_at"),
                "queued".equals(status) ? Sql.instant(rs, "next_attempt_at") : null, Sql.instant(rs, "delivered_at"));
    }
}
