package com.userautomations.webhooks;

import com.userautomations.common.ApiException;
import com.userautomations.common.Cursors;
import com.userautomations.common.Page;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Read side of {@code webhook_deliveries}: an endpoint's delivery log, newest first. */
@ApplicationScoped
public class WebhookDeliveries {
    private static final Set<String> STATUSES = Set.of("queued", "sending", "delivered", "failed");
    private static final String COLUMNS = "id, webhook_id, type, status, attempts, last_status_code, last_error, user_id, "
            + "run_id, created_at, next_attempt_at, delivered_at";

    private final Sql sql;
    private final Cursors cursors;
    private final WebhookEndpoints endpoints;

    public WebhookDeliveries(Sql sql, Cursors cursors, WebhookEndpoints endpoints) {
        this.sql = sql;
        this.cursors = cursors;
        this.endpoints = endpoints;
    }

    /** A page of the endpoint's deliveries (created_at descending, then id), by status if given. */
    @Transactional
    public Page<DeliveryView> list(String schoolId, String webhookId, String status, String limit, String cursor) {
        if (status != null && !STATUSES.contains(status)) {
            throw ApiException.invalid("status", "must be one of queued, sending, delivered, failed");
        }
        if (endpoints.find(schoolId, webhookId).isEmpty()) {
            throw WebhookService.unknown();
        }
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
        List<DeliveryView> rows = sql.query("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE " + where
                + " ORDER BY created_at DESC, id LIMIT ?", WebhookDeliveries::row, params.toArray());
        return cursors.page(rows, page, scope, d -> List.of(d.createdAt().toString(), d.id()));
    }

    /**
     * For the user's timeline: the deliveries about a user (every one but pings names its user),
     * as the log shows them, newest first by created_at then id descending, from {@code before}.
     */
    public List<DeliveryView> ofUser(String schoolId, String userId, Cursors.Before before, int limit) {
        List<Object> params = new ArrayList<>(List.of(schoolId, userId));
        String where = before.where("created_at", params);
        params.add(limit);
        return sql.query("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE school_id = ? AND user_id = ?" + where
                + " ORDER BY created_at DESC, id DESC LIMIT ?", WebhookDeliveries::row, params.toArray());
    }

    /** One delivery of the school, as the log shows it. */
    DeliveryView one(String schoolId, String deliveryId) {
        return sql.one("SELECT " + COLUMNS + " FROM webhook_deliveries WHERE school_id = ? AND id = ?",
                WebhookDeliveries::row, schoolId, deliveryId).orElseThrow();
    }

    private static DeliveryView row(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        boolean settled = "delivered".equals(status) || "failed".equals(status);
        return new DeliveryView(rs.getString("id"), rs.getString("webhook_id"), rs.getString("type"), status,
                rs.getInt("attempts"), rs.getObject("last_status_code", Integer.class), rs.getString("last_error"),
                rs.getString("user_id"), rs.getString("run_id"), Sql.instant(rs, "created_at"),
                settled ? null : Sql.instant(rs, "next_attempt_at"), Sql.instant(rs, "delivered_at"));
    }
}
