package com.userautomations.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Emails were answered as maps that wrote every key, null or not; the record must write the
 * same text, key order and timestamps included, with the mapper that writes the answers.
 */
@QuarkusTest
class EmailJsonTest {
    @Inject
    ObjectMapper mapper;

    @Test
    void aQueuedEmailWritesItsMissingValuesAsNull() throws Exception {
        Instant created = Instant.parse("2026-11-28T09:30:00.123456Z");
        EmailView email = new EmailView("em1", "ann@corp.test", "Hi", "Body", "queued", "a1", "e1", "r1", null, 0,
                null, created, null, false, null);
        assertThat(mapper.writeValueAsString(email)).isEqualTo(mapper.writeValueAsString(asMap(email)));
        assertThat(mapper.readTree(mapper.writeValueAsString(email)).get("createdAt").asText())
                .isEqualTo("2026-11-28T09:30:00.123456Z");
    }

    @Test
    void aSentEmailWithNoDeliveryRecordedWritesDeliveredAsNull() throws Exception {
        EmailView email = new EmailView("em2", "ann@corp.test", "Hi", "Body", "sent", "a1", "e1", "r1", "u1", 2,
                "the mail server did not answer in time", Instant.parse("2026-11-28T09:30:00Z"),
                Instant.parse("2026-11-28T09:31:00.5Z"), null, null);
        String json = mapper.writeValueAsString(email);
        assertThat(json).isEqualTo(mapper.writeValueAsString(asMap(email)))
                .contains("\"attempts\":2", "\"delivered\":null", "\"sentAt\":\"2026-11-28T09:31:00.500Z\"");
    }

    /** What EmailQueries built before the record, from the same values. */
    private static Map<String, Object> asMap(EmailView v) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", v.id());
        e.put("to", v.to());
        e.put("subject", v.subject());
        e.put("body", v.body());
        e.put("status", v.status());
        e.put("automationId", v.automationId());
        e.put("eventId", v.eventId());
        e.put("runId", v.runId());
        e.put("userId", v.userId());
        e.put("attempts", v.attempts());
        e.put("error", v.error());
        e.put("createdAt", v.createdAt());
        e.put("sentAt", v.sentAt());
        e.put("delivered", v.delivered());
        e.put("notBefore", v.notBefore()); // API.md 1.1: null unless a send window held it
        return e;
    }
}
