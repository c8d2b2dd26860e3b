package com.userautomations.webhooks;

import java.time.Instant;

/** An endpoint as stored, without its secrets ({@link WebhookEndpoints#secretsFor} gives those). */
public record WebhookEndpoint(String id, String schoolId, String url, WebhookEvents events, String description,
                              WebhookStatus status, String disabledReason, Instant disabledAt,
                              Instant createdAt, Instant updatedAt) {
    public boolean enabled() {
        return status == WebhookStatus.ENABLED;
    }
}
