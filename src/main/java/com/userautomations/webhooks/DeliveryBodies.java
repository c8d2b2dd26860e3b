package com.userautomations.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Map;

/**
 * The bytes a delivery carries, fixed when it is queued: {@code {"type", "timestamp", "data"}},
 * compact UTF-8 JSON. Every attempt sends the same bytes, so a receiver that keeps the first
 * one and a signature over them both stay valid across retries and replays.
 */
final class DeliveryBodies {
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private DeliveryBodies() {
    }

    static String of(PlatformEvent e, Instant timestamp) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", e.type());
        body.put("timestamp", timestamp.toString());
        ObjectNode data = body.putObject("data");
        data.put("schoolId", e.schoolId());
        data.put("userId", e.userId());
        data.put("automationId", e.automationId());
        data.put("version", e.version());
        data.put("runId", e.runId());
        data.put("step", e.step());
        data.put("eventId", e.eventId());
        data.put("occurredAt", e.occurredAt() == null ? null : e.occurredAt().toString());
        // a run no event started says what did (API.md 1.1): its backfill job or its trigger
        if (e.jobId() != null) {
            data.put("jobId", e.jobId());
        }
        if (e.trigger() != null) {
            data.put("trigger", e.trigger());
        }
        for (Map.Entry<String, Object> d : e.details().entrySet()) {
            // the fixed keys above are the service's: a payload cannot replace them (the parser refuses them too)
            if (!data.has(d.getKey())) {
                data.set(d.getKey(), d.getValue() instanceof JsonNode n ? n : JSON.valueToTree(d.getValue()));
            }
        }
        return write(body);
    }

    static String ping(String schoolId, String webhookId, Instant timestamp) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", WebhookOutbox.PING);
        body.put("timestamp", timestamp.toString());
        body.putObject("data").put("schoolId", schoolId).put("webhookId", webhookId);
        return write(body);
    }

    private static String write(ObjectNode body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a delivery body could not be written", e);
        }
    }
}
