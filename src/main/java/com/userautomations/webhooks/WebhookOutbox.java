package com.userautomations.webhooks;

import com.userautomations.common.Sql;
import com.userautomations.common.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Queues deliveries in the caller's transaction: a run's changes are written with the run, so a
 * delivery exists only if the run committed, and the outbox (which reads committed rows only)
 * sends it only after. One row per change and endpoint; its id is the {@code webhook-id} of
 * every attempt.
 */
@ApplicationScoped
public class WebhookOutbox {
    static final String PING = "webhook.ping";
    static final String AUTOMATION_WEBHOOK = "automation.webhook";
    private static final String INSERT = "INSERT INTO webhook_deliveries (id, school_id, webhook_id, target, type, body, "
            + "user_id, run_id, status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'queued', 0, ?, ?)";

    private final Sql sql;
    private final WebhookEndpoints endpoints;

    public WebhookOutbox(Sql sql, WebhookEndpoints endpoints) {
        this.sql = sql;
        this.endpoints = endpoints;
    }

    /** One delivery per enabled endpoint subscribed to each event's type; nothing when none is. */
    public void publish(List<PlatformEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Instant now = Timestamps.now();
        List<Object[]> rows = new ArrayList<>();
        for (PlatformEvent e : events) {
            WebhookEventType type = WebhookEventType.fromWire(e.type())
                    .orElseThrow(() -> new IllegalArgumentException("not a webhook event type: " + e.type()));
            List<WebhookEndpoint> to = endpoints.subscribed(e.schoolId(), type);
            if (to.isEmpty()) {
                continue;
            }
            String body = DeliveryBodies.of(e, now);
            for (WebhookEndpoint endpoint : to) {
                rows.add(row(e.schoolId(), endpoint.id(), e.type(), body, e.userId(), e.runId(), now));
            }
        }
        if (!rows.isEmpty()) {
            sql.batch(INSERT, rows);
        }
    }

    /**
     * The delivery of a send_webhook action to its endpoint, whatever the endpoint's events:
     * null when queued, else why not (the action is then skipped with that reason).
     */
    public String publishTo(String endpointId, PlatformEvent e) {
        Optional<WebhookEndpoint> endpoint = endpoints.find(e.schoolId(), endpointId);
        if (endpoint.isEmpty()) {
            return "the webhook endpoint '" + endpointId + "' was deleted";
        }
        if (!endpoint.get().enabled()) {
            return "the webhook endpoint '" + endpointId + "' is disabled";
        }
        Instant now = Timestamps.now();
        sql.update(INSERT, row(e.schoolId(), endpointId, e.type(), DeliveryBodies.of(e, now), e.userId(), e.runId(), now));
        return null;
    }

    /** A ping to one endpoint, sent even if it is disabled; returns the delivery's id. */
    public String ping(String schoolId, String endpointId) {
        Instant now = Timestamps.now();
        Object[] row = row(schoolId, endpointId, PING, DeliveryBodies.ping(schoolId, endpointId, now), null, null, now);
        sql.update(INSERT, row);
        return (String) row[0];
    }

    private static Object[] row(String schoolId, String endpointId, String type, String body, String userId,
                                String runId, Instant now) {
        return new Object[] {MessageId.generate(), schoolId, endpointId, endpointId, type, body, userId, runId, now, now};
    }
}
