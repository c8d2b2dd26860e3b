package com.userautomations.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.JsonBodies;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The answers' records write the JSON the maps and trees they replaced wrote (issue 11): the same
 * keys in the same order, nulls kept. The stored answer's text is read by old and new code alike.
 */
class AnswerViewsTest {
    /** Quarkus's ObjectMapper as the service configures it: ISO timestamps, nulls written. */
    private static final ObjectMapper EDGE = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private static final List<RunSummary> RUNS = List.of(new RunSummary("run_1", "a1", 2, "completed"),
            new RunSummary("run_2", "a2", 1, "waiting"));

    /** How EventService built the answer before the record. */
    private static ObjectNode treeAnswer(String eventId, List<RunSummary> runs) {
        ObjectNode answer = JsonBodies.MAPPER.createObjectNode();
        answer.put("eventId", eventId);
        answer.put("duplicate", false);
        answer.set("runs", JsonBodies.MAPPER.valueToTree(runs));
        return answer;
    }

    @Test
    void theStoredAnswerIsTheTextTheTreeWrote() {
        assertThat(JsonBodies.write(new EventAnswer("e1", false, RUNS))).isEqualTo(JsonBodies.write(treeAnswer("e1", RUNS)))
                .isEqualTo("{\"eventId\":\"e1\",\"duplicate\":false,\"runs\":[{\"runId\":\"run_1\",\"automationId\":\"a1\","
                        + "\"version\":2,\"status\":\"completed\"},{\"runId\":\"run_2\",\"automationId\":\"a2\","
                        + "\"version\":1,\"status\":\"waiting\"}]}");
        assertThat(JsonBodies.write(new EventAnswer("e2", false, List.of())))
                .isEqualTo("{\"eventId\":\"e2\",\"duplicate\":false,\"runs\":[]}");
    }

    @Test
    void aRepeatIsAnsweredAsTheTreeAnsweredIt() throws Exception {
        String stored = JsonBodies.write(treeAnswer("e1", RUNS));
        ObjectNode old = (ObjectNode) JsonBodies.read(stored);
        old.put("duplicate", true);
        assertThat(EDGE.writeValueAsString(EventAnswer.repeatOf(stored))).isEqualTo(EDGE.writeValueAsString(old));
        assertThat(EDGE.writeValueAsString(EventAnswer.read(stored))).isEqualTo(stored);
    }

    @Test
    void aRunAndItsActionsWriteTheKeysTheMapsWrote() throws Exception {
        Instant started = Instant.parse("2026-11-28T09:30:00.123456Z");
        Map<String, Object> action = new LinkedHashMap<>();
        action.put("index", 0);
        action.put("type", "send_email");
        action.put("status", "pending");
        action.put("attempts", 0);
        action.put("error", null);
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("runId", "run_1");
        run.put("automationId", "a1");
        run.put("version", 2);
        run.put("userId", "u1");
        run.put("eventId", "e1");
        run.put("depth", 0);
        run.put("status", "waiting");
        run.put("error", null);
        run.put("startedAt", started);
        run.put("finishedAt", null);
        run.put("trigger", null);
        run.put("actions", List.of(action));
        RunView view = new RunView("run_1", "a1", 2, "u1", "e1", 0, "waiting", null, started, null, null, null,
                List.of(new RunActionView(0, "send_email", "pending", 0, null)));
        assertThat(EDGE.writeValueAsString(view)).isEqualTo(EDGE.writeValueAsString(run));
    }

    @Test
    void anEventWritesTheKeysTheMapsWrote() throws Exception {
        Instant received = Instant.parse("2026-11-28T09:30:00Z");
        String stored = JsonBodies.write(treeAnswer("e1", RUNS));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", "e1");
        event.put("type", "tags.added");
        event.put("userId", "u1");
        event.put("receivedAt", received);
        event.put("answer", JsonBodies.read(stored));
        assertThat(EDGE.writeValueAsString(new UserEventView("e1", "tags.added", "u1", received,
                EventAnswer.read(stored)))).isEqualTo(EDGE.writeValueAsString(event));
        event.put("answer", null);
        assertThat(EDGE.writeValueAsString(new UserEventView("e1", "tags.added", "u1", received, null)))
                .isEqualTo(EDGE.writeValueAsString(event));

        String body = "{\"id\":\"e1\",\"type\":\"tags.added\",\"userId\":\"u1\",\"tags\":[\"b\"],\"n\":1.50}";
        Map<String, Object> full = new LinkedHashMap<>();
        full.put("id", "e1");
        full.put("type", "tags.added");
        full.put("userId", "u1");
        full.put("receivedAt", received);
        full.put("event", JsonBodies.read(body));
        full.put("answer", JsonBodies.read(stored));
        full.put("runs", List.of());
        assertThat(EDGE.writeValueAsString(new EventView("e1", "tags.added", "u1", received, JsonBodies.read(body),
                EventAnswer.read(stored), List.of()))).isEqualTo(EDGE.writeValueAsString(full));
    }
}
