package com.userautomations.backfill;

import java.time.Instant;

/** A job's row: its counters, and {@code cursor}, the last user id examined (null before the first). */
record BackfillJob(String id, String schoolId, String automationId, int version, boolean dryRun, JobStatus status,
                   Long total, long processed, long runs, long skipped, String error, String cursor,
                   Instant createdAt, Instant startedAt, Instant finishedAt) {

    JobView view() {
        return new JobView(id, JobView.KIND, automationId, version, dryRun, status.wireName(), total, processed, runs,
                skipped, error, createdAt, startedAt, finishedAt);
    }
}
