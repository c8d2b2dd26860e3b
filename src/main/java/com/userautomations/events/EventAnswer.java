package com.userautomations.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.userautomations.common.JsonBodies;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/**
 * The answer to a posted event. Its JSON text is what events.answer keeps (written once, with
 * the event's row or its chunk), and a repeat of the event is answered from that text.
 */
@Schema(name = "EventAnswer")
public record EventAnswer(String eventId, boolean duplicate, List<RunSummary> runs) {

    /** The stored answer as a repeat of its event gets it. */
    static EventAnswer repeatOf(String stored) {
        EventAnswer first = read(stored);
        return new EventAnswer(first.eventId(), true, first.runs());
    }

    static EventAnswer read(String stored) {
        try {
            return JsonBodies.MAPPER.readValue(stored, EventAnswer.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored answer is not an event's answer", e);
        }
    }
}
