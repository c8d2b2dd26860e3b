package com.userautomations.events;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One action of a run and how it went (a send_email action follows its emails). */
@Schema(name = "RunAction")
public record RunActionView(int index, String type, String status, int attempts,
                            @Schema(nullable = true) String error) {
}
