package com.userautomations.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A run as the event's answer lists it: one the event started, or a waiting one it resumed
 * ({@code resumed} true; absent for a started run, as in version 1).
 */
@Schema(name = "StartedRun")
public record RunSummary(String runId, String automationId, int version,
                         @Schema(description = "completed, waiting or exited") String status,
                         @JsonInclude(JsonInclude.Include.NON_NULL)
                         @Schema(description = "true for a waiting run this event resumed (a wait_for it matched)")
                         Boolean resumed) {

    public RunSummary(String runId, String automationId, int version, String status) {
        this(runId, automationId, version, status, null);
    }
}
