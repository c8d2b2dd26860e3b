package com.userautomations.events;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What the OpenAPI document names but no answer's type carries. Events are read by {@link EventParser}
 * (strict: the keys an event type takes, docs/api.md "Event types"); these records describe them. A
 * batch's result is an answer or a problem, which share no Java type; the lists are pages, which are
 * generic (common.Page), so each list is named here. The answers carry their own schemas.
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

    @Schema(name = "BatchResult", description = "an event's answer, or the problem that refused it",
            oneOf = {EventAnswer.class, com.userautomations.common.Problem.class})
    interface BatchResult {
    }

    @Schema(name = "RunList")
    record RunList(List<RunView> items, @Schema(nullable = true, description = "null on the last page") String nextCursor) {
    }

    @Schema(name = "UserEventList")
    record EventList(List<UserEventView> items, @Schema(nullable = true, description = "null on the last page") String nextCursor) {
    }
}
