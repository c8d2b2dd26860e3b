package com.userautomations.events;

import com.userautomations.actions.RaisedEvent;
import com.userautomations.webhooks.PlatformEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a run tells the school's platform: a delivery per change its actions made (API.md,
 * "Webhooks": the course, the tags changed, sorted, the space) and one when it ends.
 */
final class PlatformChanges {
    private PlatformChanges() {
    }

    /** The run that made the changes, as every delivery's data names it. */
    record Run(String schoolId, String userId, String automationId, int version, String runId, String eventId,
               Instant occurredAt, String jobId, String trigger) {
    }

    static List<PlatformEvent> of(Run run, List<RaisedEvent> raised) {
        List<PlatformEvent> events = new ArrayList<>(raised.size());
        for (RaisedEvent e : raised) {
            Map<String, Object> details = new LinkedHashMap<>();
            if (e.courseId() != null) {
                details.put("courseId", e.courseId());
            }
            if (e.reason() != null) {
                details.put("reason", e.reason());
            }
            if (!e.tagsAdded().isEmpty() || !e.tagsRemoved().isEmpty()) {
                details.put("tags", List.copyOf(new TreeSet<>(e.tagsAdded().isEmpty() ? e.tagsRemoved() : e.tagsAdded())));
            }
            if (e.spaceId() != null) {
                details.put("spaceId", e.spaceId());
            }
            events.add(event(run, e.type(), e.step(), details));
        }
        return events;
    }

    /**
     * {@code run.completed} (completed or exited) or {@code run.failed}, with the run's status and
     * error; null while it waits, and for a run skipped (it did nothing to tell).
     */
    static PlatformEvent ended(Run run, String status, String error) {
        if (!List.of("completed", "exited", "failed").contains(status)) {
            return null;
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("status", status);
        details.put("error", error);
        return event(run, "failed".equals(status) ? "run.failed" : "run.completed", null, details);
    }

    private static PlatformEvent event(Run run, String type, String step, Map<String, Object> details) {
        return new PlatformEvent(type, run.schoolId(), run.userId(), run.automationId(), run.version(), run.runId(), step,
                run.eventId(), run.occurredAt(), details).rootedAt(run.jobId(), run.trigger());
    }
}
