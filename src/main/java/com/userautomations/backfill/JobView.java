package com.userautomations.backfill;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A job as GET .../jobs/{jobId} shows it (API.md 1.1). */
@Schema(name = "Job")
public record JobView(String id,
                      @Schema(enumeration = {"backfill"}) String kind,
                      String automationId,
                      @Schema(description = "the automation's version when the job was created") int version,
                      boolean dryRun,
                      @Schema(enumeration = {"queued", "running", "completed", "failed", "cancelled"}) String status,
                      @Schema(nullable = true, description = "the school's users when the job started; null while queued")
                      Long total,
                      @Schema(description = "users examined") long processed,
                      @Schema(description = "runs started (for a dry run: that would be)") long runs,
                      @Schema(description = "users meeting the conditions whom reentry kept from running") long skipped,
                      @Schema(nullable = true) String error,
                      Instant createdAt,
                      @Schema(nullable = true) Instant startedAt,
                      @Schema(nullable = true) Instant finishedAt) {
    static final String KIND = "backfill";
}
