package com.userautomations.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.BodyReader;
import com.userautomations.common.FieldError;
import com.userautomations.common.TextRules;
import com.userautomations.directory.UserService;
import com.userautomations.directory.UserStore;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Reads and checks one event: the required fields of its type, ids, tags, timestamps. */
public final class EventParser {
    private EventParser() {
    }

    public record Parsed(EventInput event, List<FieldError> errors) {
        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /** At most this many tags in one event (a user holds at most {@link UserStore#MAX_TAGS}). */
    public static final int MAX_EVENT_TAGS = UserStore.MAX_TAGS;

    public static Parsed parse(JsonNode body, Instant receivedAt) {
        BodyReader in = new BodyReader(body);
        if (!body.isObject()) {
            in.errorHere("an event must be a JSON object");
            return new Parsed(null, in.errors());
        }
        String id = in.id("id", true);
        String type = in.oneOf("type", true, EventTypes.ALL);
        Instant occurredAt = in.timestamp("occurredAt", false);
        String userId = in.id("userId", false);
        String courseId = in.id("courseId", false);
        String formId = in.id("formId", false);
        String certificateId = in.id("certificateId", false);
        String couponCode = in.line("couponCode", false, 128);
        String reason = in.oneOf("reason", false, EventTypes.REASONS);
        ObjectNode fields = in.fields("fields");
        Set<String> tags = in.tags("tags", false, MAX_EVENT_TAGS);
        BodyReader user = in.child("user");
        // the profile is checked the same way as a user sync, but an event cannot set the role
        UserStore.Profile profile = user.present() ? UserService.readProfile(user, false) : null;
        if (type != null) {
            requireFor(type, in, userId, courseId, formId, certificateId, couponCode, reason, tags, fields, user);
        }
        if (!in.finish().isEmpty()) {
            return new Parsed(null, in.errors());
        }
        return new Parsed(new EventInput(id, type, occurredAt == null ? receivedAt : occurredAt, userId, profile,
                courseId, formId, fields, tags, couponCode, certificateId, reason), List.of());
    }

    private static void requireFor(String type, BodyReader in, String userId, String courseId, String formId,
                                   String certificateId, String couponCode, String reason, Set<String> tags,
                                   ObjectNode fields, BodyReader user) {
        boolean needsUser = !EventTypes.FORM.equals(type);
        if (needsUser && userId == null && !in.has("userId")) {
            in.error("userId", "is required for " + type);
        }
        switch (type) {
            case EventTypes.SIGNED_UP -> {
                if (!user.has("email")) {
                    in.error("user.email", "is required for " + type);
                }
            }
            case EventTypes.ENROLLED, EventTypes.COMPLETED, EventTypes.PREVIEWED -> require(in, courseId, "courseId", type);
            case EventTypes.UNENROLLED -> {
                require(in, courseId, "courseId", type);
                if (reason == null && !in.has("reason")) {
                    in.error("reason", "is required for " + type + ": one of " + String.join(", ", EventTypes.REASONS));
                }
            }
            case EventTypes.CERTIFICATE -> {
                require(in, courseId, "courseId", type);
                require(in, certificateId, "certificateId", type);
            }
            case EventTypes.FORM -> {
                require(in, formId, "formId", type);
                boolean hasEmail = fields != null && fields.hasNonNull("email");
                if (userId == null && !in.has("userId") && !hasEmail) {
                    in.error("userId", "is required for " + type + " unless fields.email is given");
                }
                if (userId == null && hasEmail) {
                    // a lead is created from these: the same rules as a user sync's email and names
                    JsonNode email = fields.get("email");
                    String problem = email.isTextual() ? TextRules.email(email.textValue()) : "must be a string";
                    if (problem != null) {
                        in.error("fields.email", problem);
                    }
                    for (String name : List.of("firstName", "lastName")) {
                        JsonNode v = fields.get(name);
                        if (v != null && !v.isNull() && (!v.isTextual() || TextRules.text(v.textValue(), 500) != null)) {
                            in.error("fields." + name, "must be 1-500 characters without control characters");
                        }
                    }
                }
            }
            case EventTypes.TAGS_ADDED, EventTypes.TAGS_REMOVED -> {
                if (tags == null || tags.isEmpty()) {
                    if (!in.has("tags")) {
                        in.error("tags", "is required for " + type);
                    } else if (tags != null) {
                        in.error("tags", "must not be empty");
                    }
                }
            }
            case EventTypes.COUPON -> require(in, couponCode, "couponCode", type);
            default -> {
            }
        }
    }

    private static void require(BodyReader in, String value, String field, String type) {
        if (value == null && !in.has(field)) {
            in.error(field, "is required for " + type);
        }
    }
}
