package com.userautomations.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.Problem;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * A batch is many single events, each in its own transaction: one refused event does not
 * hold back the others, and each gets its own answer or problem, in order.
 */
@ApplicationScoped
public class EventBatch {
    public static final int MAX_EVENTS = 1000;
    private static final Logger LOG = Logger.getLogger(EventBatch.class);

    private final EventService events;

    public EventBatch(EventService events) {
        this.events = events;
    }

    public List<Object> ingest(String schoolId, JsonNode body) {
        JsonNode list = body.get("events");
        if (list == null || !list.isArray()) {
            throw ApiException.invalid("events", "must be an array of events");
        }
        if (list.size() > MAX_EVENTS) {
            throw ApiException.invalid("events", "must hold at most " + MAX_EVENTS + " events");
        }
        List<Object> results = new ArrayList<>(list.size());
        for (JsonNode event : list) {
            try {
                results.add(events.ingest(schoolId, event).body());
            } catch (ApiException refused) {
                results.add(refused.toProblem());
            } catch (RuntimeException failed) {
                // this event's transaction rolled back; the others keep their answers
                LOG.error("an event of a batch failed", failed);
                results.add(new Problem("about:blank", "Internal error", 500,
                        "This event failed and was not stored; it has been logged", null));
            }
        }
        return results;
    }

}
