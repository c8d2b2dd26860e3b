package com.userautomations.events;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run as the event's answer lists it. */
@Schema(name = "StartedRun")
public record RunSummary(String runId, String automationId, int version,
                         @Schema(description = "completed or waiting") String status) {
}
