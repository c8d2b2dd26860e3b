/**
 * The one outbox: emails queued in the run's transaction, claimed with leases, sent over SMTP
 * by bounded senders taking turns per school, retried with backoff. The one owner of the
 * {@code emails} table. Endpoints: {@code /api/v1/schools/{schoolId}/emails} and
 * {@code /emails/{id}:retry}.
 */
package com.userautomations.delivery;
