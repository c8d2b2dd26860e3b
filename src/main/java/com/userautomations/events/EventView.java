package com.userautomations.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;

/**
 * A stored event: the body as posted (kept as the tree it was, so the school's keys come back
 * as sent), its first answer (the column may be null, the schema says so) and its runs.
 */
@Schema(name = "StoredEvent")
public record EventView(String id, String type, String userId, Instant receivedAt,
                        @Schema(ref = "EventRequest", type = SchemaType.OBJECT, description = "the event as posted")
                        JsonNode event,
                        @Schema(nullable = true) EventAnswer answer, List<RunView> runs) {

    EventView withRuns(List<RunView> of) {
        return new EventView(id, type, userId, receivedAt, event, answer, of);
    }
}
