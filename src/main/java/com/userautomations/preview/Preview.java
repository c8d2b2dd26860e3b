package com.userautomations.preview;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of {@code :preview}. */
@Schema(name = "Preview")
public record Preview(
        @Schema(description = "users (leads too) meeting the automation's conditions now; reentry ignored") long matchingUsers,
        @Schema(description = "the automation's runs waiting now, all versions") long waitingRuns) {
}
