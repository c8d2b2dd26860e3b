package com.userautomations.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/** A run as the lists show it; its actions are read in a second statement for the whole page. */
@Schema(name = "Run")
public record RunView(String runId, String automationId, int version, String userId, @Schema(nullable = true) String eventId, int depth,
                      String status, @Schema(nullable = true) String error, Instant startedAt,
                      @Schema(nullable = true) Instant finishedAt,
                      @Schema(nullable = true, description = "user.inactive for the inactivity scan's runs (eventId null)")
                      String trigger,
                      @JsonInclude(JsonInclude.Include.NON_NULL)
                      @Schema(description = "the backfill job that started it (eventId null); absent otherwise")
                      String jobId, List<RunActionView> actions) {

    RunView withActions(List<RunActionView> of) {
        return new RunView(runId, automationId, version, userId, eventId, depth, status, error, startedAt,
                finishedAt, trigger, jobId, of);
    }
}
