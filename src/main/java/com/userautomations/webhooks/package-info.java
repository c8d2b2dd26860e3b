/**
 * Webhooks to the school's platform, part 1: endpoints, their secrets, signing, the delivery
 * log's read side. Owns {@code webhook_endpoints} (the current and previous secret are its
 * columns) and {@code webhook_deliveries} (created here for the outbox mechanism, which claims
 * and sends them). Endpoints: {@code /api/v1/schools/{schoolId}/webhooks[/{id}]},
 * {@code .../webhooks/{id}:rotate-secret} and {@code .../webhooks/{id}/deliveries}. Other
 * packages call {@link com.userautomations.webhooks.WebhookEndpoints} (who subscribes, the
 * secrets to sign with, disabling) and {@link com.userautomations.webhooks.WebhookSignature}.
 * Imports {@code common}, {@code directory}, {@code outbound} (the URL rules); it reads the
 * {@code schools} row only to lock it, as {@code automation} does, so that two creates cannot
 * both pass the limit of 20.
 */
package com.userautomations.webhooks;
