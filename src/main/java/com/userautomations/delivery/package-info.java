/**
 * The one outbox for every channel: messages queued in the run's transaction, claimed with
 * leases, sent by one bounded pool of senders taking turns per school and channel, bounded per
 * target, retried by the channel's policy, counted in /q/metrics. Channels plug in through
 * {@link com.userautomations.delivery.OutboxChannel}; this package has the email channel.
 *
 * <p>Tables: {@code emails}, all of it (the email channel's content and the state columns), and
 * {@code capped_messages}, the messages a school's frequency cap counts ({@code CapLedger}). The
 * state columns ({@code status, attempts, next_attempt_at, sending_at, last_error}) of the other
 * channels' tables ({@code webhook_deliveries}, {@code pushes}) are written by the outbox's
 * statements only, through their channel; the rest of those tables is their packages'.
 * Endpoints: {@code /api/v1/schools/{schoolId}/emails} and {@code /emails/{id}:retry}.
 */
package com.userautomations.delivery;
