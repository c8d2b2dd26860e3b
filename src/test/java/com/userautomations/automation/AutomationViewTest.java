package com.userautomations.automation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.Page;
import com.userautomations.support.GreenMailResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The automation answer as a record writes, byte for byte, what the ObjectNode it replaced
 * wrote (issue 11): same keys in the same order, conditions left out when there are none,
 * timestamps as Instant.toString(), numbers as stored. Written by the service's own mapper.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class AutomationViewTest {
    private static final String FULL = """
            {"name": "Welcome \\"B2B\\"", "status": "paused",
             "triggers": [{"type": "user.enrolled", "courseIds": ["c1", "c2"]}, {"type": "user.signed_up"}],
             "conditions": {"all": [{"type": "email_domain", "domains": ["corp.test"]},
                                    {"not": {"type": "decision", "model": "m", "decision": "Score", "equals": 1.50}},
                                    {"type": "field", "path": "user.fields.plan", "op": "equals", "value": "pro"}]},
             "actions": [{"type": "add_tags", "tags": ["b2b"]}, {"type": "wait", "duration": "PT1H"},
                         {"type": "send_email", "to": "user", "subject": "Hi {user.firstName}", "body": "Hello"}],
             "reentry": "once_per_user"}""";
    private static final String BARE = """
            {"name": "Bare", "triggers": [{"type": "user.signed_up"}], "actions": [{"type": "add_tags", "tags": ["x"]}]}""";

    @Inject
    ObjectMapper mapper;

    @Test
    void theRecordWritesWhatTheMergedObjectWrote() throws Exception {
        for (StoredAutomation a : List.of(
                stored(FULL, "paused", Instant.parse("2026-11-28T09:30:00.123450Z"), Instant.parse("2026-11-29T10:00:00Z")),
                stored(BARE, "active", Instant.parse("2026-11-28T09:30:00Z"), Instant.parse("2026-11-28T09:30:00.000001Z")))) {
            assertThat(mapper.writeValueAsString(AutomationView.of(a))).isEqualTo(mapper.writeValueAsString(merged(a)));
        }
    }

    @Test
    void withoutConditionsTheKeyIsAbsentNotNull() throws Exception {
        String json = mapper.writeValueAsString(AutomationView.of(stored(BARE, "active", Instant.EPOCH, Instant.EPOCH)));
        assertThat(json).doesNotContain("conditions")
                .startsWith("{\"id\":\"aut_test\",\"name\":\"Bare\",\"status\":\"active\",\"triggers\":")
                .endsWith("\"reentry\":\"every_time\",\"version\":3,\"createdAt\":\"1970-01-01T00:00:00Z\","
                        + "\"updatedAt\":\"1970-01-01T00:00:00Z\"}");
    }

    @Test
    void theListWritesWhatThePageWrote() throws Exception {
        List<AutomationView> items = List.of(AutomationView.of(stored(BARE, "active", Instant.EPOCH, Instant.EPOCH)));
        for (String next : new String[] {null, "abc"}) {
            assertThat(mapper.writeValueAsString(AutomationList.of(new Page<>(items, next))))
                    .isEqualTo(mapper.writeValueAsString(new Page<>(items, next)));
        }
    }

    private static StoredAutomation stored(String body, String status, Instant created, Instant updated) {
        ParseResult parsed = DefinitionParser.parse(JsonBodies.read(body));
        assertThat(parsed.errors()).isEmpty();
        return new StoredAutomation("aut_test", parsed.definition().name(), status, 3,
                JsonBodies.write(DefinitionJson.toJson(parsed.definition())), null, created, updated);
    }

    /** The answer as AutomationService.view built it before the record. */
    private static ObjectNode merged(StoredAutomation a) {
        ObjectNode out = JsonBodies.MAPPER.createObjectNode();
        out.put("id", a.id());
        out.setAll((ObjectNode) JsonBodies.read(a.definitionJson()));
        out.put("status", a.status());
        out.put("version", a.version());
        out.put("createdAt", a.createdAt().toString());
        out.put("updatedAt", a.updatedAt().toString());
        return out;
    }
}
