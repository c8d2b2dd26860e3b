package com.userautomations.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One step of a run and how it went (a send_email action follows its emails). {@code index} is
 * the step's position in its own list, {@code step} its path; {@code branch} only on an if,
 * {@code outcome} and {@code eventId} only on a wait_for that ended.
 */
@Schema(name = "RunAction")
public record RunActionView(int index, String type, String status, int attempts,
                            @Schema(nullable = true) String error,
                            @JsonInclude(JsonInclude.Include.NON_NULL)
                            @Schema(description = "the step's path, such as actions[2].then[0]", example = "actions[0]")
                            String step,
                            @JsonInclude(JsonInclude.Include.NON_NULL)
                            @Schema(description = "on an if: the branch taken", enumeration = {"then", "else"})
                            String branch,
                            @JsonInclude(JsonInclude.Include.NON_NULL)
                            @Schema(description = "on a wait_for it got past: the event came, or the time ran out",
                                    enumeration = {"event", "timeout"})
                            String outcome,
                            @JsonInclude(JsonInclude.Include.NON_NULL)
                            @Schema(description = "on a wait_for the event ended: that event's id")
                            String eventId) {

    /** An entry as version 1 wrote it (index, type, status, attempts, error). */
    public RunActionView(int index, String type, String status, int attempts, String error) {
        this(index, type, status, attempts, error, null, null, null, null);
    }
}
