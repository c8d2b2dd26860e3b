package com.userautomations.events;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Events and runs as the OpenAPI document names them. Events are read by {@link EventParser}
 * (strict: the keys an event type takes, docs/api.md "Event types"); these records describe them.
 */
final class EventSchemas {
    private EventSchemas() {
    }

    @Schema(name = "EventUser", description = "the user's profile as the event knows it")
    record EventUser(String email, String firstName, String lastName, String source, String timezone,
                     @Schema(type = SchemaType.OBJECT, description = "free-form: string, number or boolean values")
                     Map<String, Object> fields) {
    }

    @Schema(name = "EventRequest", description = "the keys an event takes depend on its type (docs/api.md, Event types)")
    record EventRequest(@Schema(required = true, description = "the idempotency key, unique per school") String id,
                        @Schema(required = true, description = "such as user.signed_up") String type,
                        String userId, Instant occurredAt, EventUser user, String courseId, String reason,
                        List<String> tags, String couponCode, String formId, String certificateId,
                        @Schema(type = SchemaType.OBJECT, description = "free-form: a form's answers") Map<String, Object> fields) {
    }

    @Schema(name = "EventBatchRequest")
    record EventBatchRequest(@Schema(required = true, maxItems = 1000) List<EventRequest> events) {
    }

    @Schema(name = "StartedRun")
    record StartedRun(String runId, String automationId, int version,
                      @Schema(description = "completed or waiting") String status) {
    }

    @Schema(name = "EventAnswer")
    record EventAnswer(String eventId, boolean duplicate, List<StartedRun> runs) {
    }

    @Schema(name = "BatchResult", description = "an event's answer, or the problem that refused it",
            oneOf = {EventAnswer.class, com.userautomations.common.Problem.class})
    interface BatchResult {
    }

    @Schema(name = "EventBatchAnswer")
    record EventBatchAnswer(@Schema(description = "one per event, in order") List<BatchResult> results) {
    }

    @Schema(name = "RunAction")
    record RunAction(int index, String type, String status, int attempts, @Schema(nullable = true) String error) {
    }

    @Schema(name = "Run")
    record Run(String runId, String automationId, int version, String userId, String eventId, int depth,
               String status, @Schema(nullable = true) String error, Instant startedAt,
               @Schema(nullable = true) Instant finishedAt, List<RunAction> actions) {
    }

    @Schema(name = "RunList")
    record RunList(List<Run> items, @Schema(nullable = true, description = "null on the last page") String nextCursor) {
    }

    @Schema(name = "StoredEvent")
    record StoredEvent(String id, String type, String userId, Instant receivedAt,
                       @Schema(description = "the event as posted") EventRequest event,
                       @Schema(nullable = true) EventAnswer answer, List<Run> runs) {
    }

    @Schema(name = "UserEvent")
    record UserEvent(String id, String type, String userId, Instant receivedAt,
                     @Schema(nullable = true) EventAnswer answer) {
    }

    @Schema(name = "UserEventList")
    record EventList(List<UserEvent> items, @Schema(nullable = true, description = "null on the last page") String nextCursor) {
    }
}
