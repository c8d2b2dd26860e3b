package com.userautomations.backfill;

/** The answer to POST .../automations/{id}:backfill. */
public record JobStarted(String jobId) {
}
