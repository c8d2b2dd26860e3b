package com.userautomations.automation;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One step of the "then" part. Only the fields of its type are set: lists are empty and the
 * rest null otherwise ({@code prefix} is "" for add_email_domain_tag when not given;
 * {@code model} and {@code decision} name the DMN decision of add_tag_from_decision;
 * {@code webhookId} and {@code payload} are send_webhook's; {@code title}, {@code body} and
 * {@code url} send_push's; {@code transactional}, a send_email or send_push outside the school's
 * send window and frequency cap).
 */
public record Action(ActionType type, List<String> courseIds, List<String> tags, String prefix,
        List<String> spaceIds, EmailRecipient to, String address, String subject, String body,
        Duration duration, Instant until, String model, String decision, String webhookId, JsonNode payload,
        String title, String url, boolean transactional) {

    public Action {
        Objects.requireNonNull(type, "type");
        courseIds = Lists.copy(courseIds);
        tags = Lists.copy(tags);
        spaceIds = Lists.copy(spaceIds);
    }

    /** Every action but a transactional message: as before send windows and caps. */
    public Action(ActionType type, List<String> courseIds, List<String> tags, String prefix, List<String> spaceIds,
                  EmailRecipient to, String address, String subject, String body, Duration duration, Instant until,
                  String model, String decision, String webhookId, JsonNode payload, String title, String url) {
        this(type, courseIds, tags, prefix, spaceIds, to, address, subject, body, duration, until, model, decision,
                webhookId, payload, title, url, false);
    }

    /** The same message, transactional: the school's send window and frequency cap do not apply to it. */
    public Action asTransactional() {
        return new Action(type, courseIds, tags, prefix, spaceIds, to, address, subject, body, duration, until, model,
                decision, webhookId, payload, title, url, true);
    }

    public static Action courses(ActionType type, List<String> courseIds) {
        return new Action(type, courseIds, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Action tags(ActionType type, List<String> tags) {
        return new Action(type, null, tags, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Action spaces(ActionType type, List<String> spaceIds) {
        return new Action(type, null, null, null, spaceIds, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Action emailDomainTag(String prefix) {
        return new Action(ActionType.ADD_EMAIL_DOMAIN_TAG, null, null, prefix == null ? "" : prefix, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    public static Action sendWebhook(String webhookId, JsonNode payload) {
        return new Action(ActionType.SEND_WEBHOOK, null, null, null, null, null, null, null, null, null, null, null,
                null, webhookId, payload, null, null);
    }

    public static Action sendPush(String title, String body, String url) {
        return new Action(ActionType.SEND_PUSH, null, null, null, null, null, null, null, body, null, null, null,
                null, null, null, title, url);
    }

    public static Action sendEmail(EmailRecipient to, String address, String subject, String body) {
        return new Action(ActionType.SEND_EMAIL, null, null, null, null, to, address, subject, body, null, null, null, null, null, null, null, null);
    }

    public static Action waitFor(Duration duration) {
        return new Action(ActionType.WAIT, null, null, null, null, null, null, null, null, duration, null, null, null, null, null, null, null);
    }

    public static Action waitUntil(Instant until) {
        return new Action(ActionType.WAIT, null, null, null, null, null, null, null, null, null, until, null, null, null, null, null, null);
    }

    /** Adds the decision's text result as a tag (with the prefix before it, "" for none). */
    public static Action tagFromDecision(String model, String decision, String prefix) {
        return new Action(ActionType.ADD_TAG_FROM_DECISION, null, null, prefix == null ? "" : prefix, null, null,
                null, null, null, null, null, model, decision, null, null, null, null);
    }
}
