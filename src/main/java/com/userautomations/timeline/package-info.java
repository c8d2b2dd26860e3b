/**
 * The user's timeline (API.md 1.1): one newest-first list of a user's posted events, runs,
 * emails, pushes and webhook deliveries. Owns no table: each kind is read through its owner's
 * query class ({@code events.EventQueries}, {@code delivery.OutboxQueries} with the emails' and
 * pushes' views, {@code webhooks.WebhookDeliveries}) with one keyset query per kind, and the
 * pages are merged here. Endpoint: {@code /api/v1/schools/{schoolId}/users/{userId}/timeline}.
 * Imports {@code common}, {@code directory} (the user exists), {@code events}, {@code delivery},
 * and the read side only of {@code push} and {@code webhooks} (ArchitectureTest holds that).
 */
package com.userautomations.timeline;
