package com.userautomations.events;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;

/** A user's posted event as the list shows it: without the body and the runs. */
@Schema(name = "UserEvent")
public record UserEventView(String id, String type, String userId, Instant receivedAt,
                            @Schema(nullable = true) EventAnswer answer) {
}
