package com.userautomations.webhooks;

import java.time.Instant;
import java.util.Map;

/**
 * Something an automation did that the school's platform hears of (API.md, "Webhooks"): one
 * delivery per endpoint subscribed to its type. The fields are those every delivery's
 * {@code data} carries; {@code details} are its type's own ({@code courseId}, {@code tags}, ...),
 * in the order they are written.
 *
 * @param step the run's step that made the change ({@code "actions[2]"}), null for {@code run.*}
 * @param eventId the posted event at the root of the chain, null for runs that have none
 * @param occurredAt that event's {@code occurredAt}
 * @param jobId the backfill job whose run it is (no event), else null
 * @param trigger "user.inactive" for a run the inactivity scan started (no event), else null
 */
public record PlatformEvent(String type, String schoolId, String userId, String automationId, int version,
                            String runId, String step, String eventId, Instant occurredAt, Map<String, Object> details,
                            String jobId, String trigger) {
    public PlatformEvent {
        details = details == null ? Map.of() : details;
    }

    /** A delivery about a run whose chain has a posted event at its root. */
    public PlatformEvent(String type, String schoolId, String userId, String automationId, int version, String runId,
                         String step, String eventId, Instant occurredAt, Map<String, Object> details) {
        this(type, schoolId, userId, automationId, version, runId, step, eventId, occurredAt, details, null, null);
    }

    /**
     * The same, about a run no event started: {@code jobId} (a backfill's) or {@code trigger}
     * ("user.inactive"), each null when it is not that kind of root.
     */
    public PlatformEvent rootedAt(String job, String triggerType) {
        return new PlatformEvent(type, schoolId, userId, automationId, version, runId, step, eventId, occurredAt, details,
                job, triggerType);
    }
}
