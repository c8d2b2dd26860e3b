package com.userautomations.backfill;

import com.userautomations.common.Page;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** A page of jobs, newest first. */
@Schema(name = "JobList")
public record JobList(List<JobView> items,
                      @Schema(nullable = true, description = "null on the last page") String nextCursor) {

    static JobList of(Page<BackfillJob> page) {
        return new JobList(page.items().stream().map(BackfillJob::view).toList(), page.nextCursor());
    }
}
