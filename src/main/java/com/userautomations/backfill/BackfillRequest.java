package com.userautomations.backfill;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of POST .../automations/{id}:backfill (optional: no body is {}). For the OpenAPI document. */
@Schema(name = "BackfillRequest")
public record BackfillRequest(
        @Schema(defaultValue = "false", description = "only count who would run; start nothing") Boolean dryRun) {
}
