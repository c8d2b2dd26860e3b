package com.userautomations.webhooks;

import com.userautomations.delivery.OutboxRetries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** A delivery sent again by hand (same webhook-id, attempts counting on), and pings. */
@ApplicationScoped
public class DeliveryReplays {
    private final WebhookEndpoints endpoints;
    private final WebhookOutbox outbox;
    private final OutboxRetries retries;
    private final WebhookChannel channel;
    private final WebhookDeliveries log;

    public DeliveryReplays(WebhookEndpoints endpoints, WebhookOutbox outbox, OutboxRetries retries,
                           WebhookChannel channel, WebhookDeliveries log) {
        this.endpoints = endpoints;
        this.outbox = outbox;
        this.retries = retries;
        this.channel = channel;
        this.log = log;
    }

    /** Sends a delivered or failed delivery again; 409 while it is queued or being sent. */
    @Transactional
    public DeliveryView retry(String schoolId, String deliveryId) {
        retries.retry(channel, "webhook delivery", schoolId, deliveryId);
        return log.one(schoolId, deliveryId);
    }

    /** Queues a ping (sent even to a disabled endpoint); returns the delivery's id. */
    @Transactional
    public String ping(String schoolId, String webhookId) {
        if (endpoints.find(schoolId, webhookId).isEmpty()) {
            throw WebhookService.unknown();
        }
        return outbox.ping(schoolId, webhookId);
    }
}
