package com.userautomations.webhooks;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The closed list of webhook event types (API.md 1.1, "Webhooks to the platform"). */
public enum WebhookEventType {
    USER_ENROLLED("user.enrolled"),
    USER_UNENROLLED("user.unenrolled"),
    COURSE_COMPLETED("course.completed"),
    TAGS_ADDED("tags.added"),
    TAGS_REMOVED("tags.removed"),
    SPACE_JOINED("space.joined"),
    SPACE_LEFT("space.left"),
    RUN_COMPLETED("run.completed"),
    RUN_FAILED("run.failed"),
    EMAIL_SENT("email.sent"),
    EMAIL_FAILED("email.failed"),
    PUSH_SENT("push.sent"),
    PUSH_FAILED("push.failed"),
    AUTOMATION_WEBHOOK("automation.webhook"),
    /** Sent on request to one endpoint, never by subscription. */
    WEBHOOK_PING("webhook.ping");

    private final String wireName;

    WebhookEventType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Whether an endpoint may list it in its events ("*" stands for all of these). */
    public boolean subscribable() {
        return this != WEBHOOK_PING;
    }

    public static Optional<WebhookEventType> fromWire(String wire) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wire)).findFirst();
    }

    /** The types an endpoint may list, for error messages. */
    static String subscribableNames() {
        return Arrays.stream(values()).filter(WebhookEventType::subscribable).map(WebhookEventType::wireName)
                .collect(Collectors.joining(", "));
    }
}
