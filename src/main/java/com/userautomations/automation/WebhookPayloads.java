package com.userautomations.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

/**
 * A send_webhook payload: the school's own JSON, whose strings are templates. Only string
 * values are rendered (keys and numbers are data as sent), and each value is rendered on its
 * own, so a merged value can never change the JSON's shape.
 */
public final class WebhookPayloads {
    /** The keys every delivery's {@code data} carries (API.md, "Webhooks"): a payload cannot set them. */
    public static final List<String> RESERVED_KEYS = List.of("schoolId", "userId", "automationId", "version",
            "runId", "step", "eventId", "occurredAt");

    private WebhookPayloads() {
    }

    /** Calls {@code each} with the JSON path and text of every string value in the payload. */
    public static void templates(JsonNode payload, String path, BiConsumer<String, String> each) {
        if (payload.isTextual()) {
            each.accept(path, payload.textValue());
        } else if (payload.isObject()) {
            for (Map.Entry<String, JsonNode> e : payload.properties()) {
                templates(e.getValue(), path + "." + e.getKey(), each);
            }
        } else if (payload.isArray()) {
            for (int i = 0; i < payload.size(); i++) {
                templates(payload.get(i), path + "[" + i + "]", each);
            }
        }
    }

    /** A copy of the payload with {@code render} applied to every string value. */
    public static JsonNode render(JsonNode payload, UnaryOperator<String> render) {
        if (payload.isTextual()) {
            return TextNode.valueOf(render.apply(payload.textValue()));
        }
        if (payload.isObject()) {
            ObjectNode out = ((ObjectNode) payload).objectNode();
            for (Map.Entry<String, JsonNode> e : payload.properties()) {
                out.set(e.getKey(), render(e.getValue(), render));
            }
            return out;
        }
        if (payload.isArray()) {
            ArrayNode out = ((ArrayNode) payload).arrayNode();
            payload.forEach(item -> out.add(render(item, render)));
            return out;
        }
        return payload;
    }
}
