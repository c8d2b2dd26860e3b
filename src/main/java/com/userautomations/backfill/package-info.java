/**
 * Backfills (API.md 1.1): a durable, resumable, cancellable job that runs an automation for every
 * user meeting its conditions now, once per user per job, at a bounded rate in its own worker.
 * Owns {@code backfill_jobs} (the job, its counters and its cursor); starts runs through
 * {@code events.EventProcessor}. Endpoints: {@code /api/v1/schools/{schoolId}/automations/{id}:backfill},
 * {@code /jobs}, {@code /jobs/{jobId}}, {@code /jobs/{jobId}:cancel}.
 */
package com.userautomations.backfill;
