package com.userautomations.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import com.userautomations.engine.EventFact;
import com.userautomations.engine.EventFactBuilder;
import com.userautomations.engine.Predicates;
import com.userautomations.engine.SchoolSnapshot;
import com.userautomations.engine.UserSnapshot;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The DMN example of rules-dmn/ as automations use it: found by school, evaluated with the fact as input. */
class DecisionsTest {
    private static final Decisions DECISIONS = AnalystCompiler.compile(RuleFiles.read(Path.of("rules-dmn")), 1)
            .decisions();

    @Test
    void segmentsLearnersBySourceAndDomain() {
        assertThat(segment("ann@globex.example", "facebook-ads")).isEqualTo("segment:partner");
        assertThat(segment("ann@university.example", "google-ads")).isEqualTo("segment:academic");
        assertThat(segment("ann@mail.example", "instagram-ads")).isEqualTo("segment:paid-ads");
        assertThat(segment("ann@mail.example", "newsletter")).isEqualTo("segment:self-serve");
        assertThat(segment("", "")).isEqualTo("segment:self-serve");
    }

    @Test
    void aModelBelongsToItsSchool() {
        assertThat(DECISIONS.problem("demo-academy", "learner-segments", "Segment")).isNull();
        assertThat(DECISIONS.modelProblem("another-school", "learner-segments"))
                .contains("no DMN model named 'learner-segments'").contains("(there are none)");
        assertThat(DECISIONS.problem("demo-academy", "learner-segments", "segment"))
                .isEqualTo("the DMN model 'learner-segments' has no decision named 'segment'; it has: Segment");
        EventFact fact = fact("ann@globex.example", "x", "another-school");
        Decisions.Outcome outcome = DECISIONS.evaluate("another-school", "learner-segments", "Segment", fact);
        assertThat(outcome.result()).isNull();
        assertThat(outcome.problem()).contains("no DMN model named 'learner-segments'");
    }

    @Test
    void theInputsAreTheFactModelAsContexts() {
        Map<String, Object> inputs = DecisionInputs.of(fact("Ann@Globex.Example", "ads", "demo-academy"));
        @SuppressWarnings("unchecked")
        Map<String, Object> user = (Map<String, Object>) inputs.get("user");
        assertThat(user).containsEntry("emailDomain", "globex.example").containsEntry("source", "ads")
                .containsEntry("tags", List.of("a", "b"));
        assertThat(inputs.get("school")).isEqualTo(Map.of("id", "demo-academy", "name", "Demo Academy"));
        assertThat(inputs).containsKeys("event");
    }

    @Test
    void aConditionComparesNumbersByValueAndKindsStrictly() {
        EventFact fact = fact("a@b.example", "", "s").useDecider((model, decision, f) -> switch (decision) {
            case "n" -> new BigDecimal("2.0");
            case "d" -> 2.0d;
            case "b" -> Boolean.TRUE;
            case "s" -> "2";
            default -> null;
        });
        assertThat(Predicates.decisionEquals(fact, "m", "n", "number", "2")).isTrue();
        assertThat(Predicates.decisionEquals(fact, "m", "d", "number", "2")).isTrue();
        assertThat(Predicates.decisionEquals(fact, "m", "n", "number", "2.01")).isFalse();
        assertThat(Predicates.decisionEquals(fact, "m", "s", "number", "2")).isFalse();
        assertThat(Predicates.decisionEquals(fact, "m", "n", "string", "2")).isFalse();
        assertThat(Predicates.decisionEquals(fact, "m", "s", "string", "2")).isTrue();
        assertThat(Predicates.decisionEquals(fact, "m", "b", "boolean", "true")).isTrue();
        assertThat(Predicates.decisionEquals(fact, "m", "b", "boolean", "false")).isFalse();
        assertThat(Predicates.decisionEquals(fact, "m", "none", "string", "")).isFalse();
    }

    @Test
    void aDecisionIsEvaluatedOncePerFact() {
        int[] calls = {0};
        EventFact fact = fact("a@b.example", "", "s").useDecider((model, decision, f) -> {
            calls[0]++;
            return "x";
        });
        for (int i = 0; i < 3; i++) {
            assertThat(Predicates.decisionEquals(fact, "m", "d", "string", "x")).isTrue();
        }
        assertThat(calls[0]).isEqualTo(1);
    }

    private static Object segment(String email, String source) {
        Decisions.Outcome outcome = DECISIONS.evaluate("demo-academy", "learner-segments", "Segment",
                fact(email, source, "demo-academy"));
        assertThat(outcome.problem()).isNull();
        return outcome.result();
    }

    private static EventFact fact(String email, String source, String schoolId) {
        UserSnapshot user = new UserSnapshot("u1", email, UserSnapshot.domainOf(email), "learner", source,
                Instant.parse("2026-01-01T00:00:00Z"), Set.of("b", "a"), Set.of(), Set.of(), Set.of(), Map.of());
        return new EventFactBuilder().schoolId(schoolId).type("user.signed_up").user(user)
                .school(new SchoolSnapshot(schoolId, "Demo Academy")).build();
    }
}
