package com.userautomations.analyst;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.EventFactBuilder;
import com.userautomations.engine.SchoolSnapshot;
import com.userautomations.engine.UserSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One analyst scenario from rules-dmn/tests/*.json: a user and an event in a school, and what
 * the analysts' rules and DMN decisions should make of them. Read by {@link ScenarioFile}.
 */
record Scenario(String file, String name, String schoolId, String schoolName, UserSnapshot user, Event event,
        List<ExpectedRule> rules, boolean onlyTheseRules, List<ExpectedDecision> decisions) {

    /** The event part of the fact (the fact itself records actions, so each run builds a new one). */
    record Event(String type, String courseId, String formId, String couponCode, String certificateId, String reason,
            Set<String> tagsAdded, Set<String> tagsRemoved, Map<String, String> fields) {
    }

    /** A rule that should fire; {@code actions} null: whatever it records. */
    record ExpectedRule(String rule, List<ObjectNode> actions) {
    }

    record ExpectedDecision(String model, String decision, JsonNode equals) {
    }

    /** "file: name", how a scenario is named in test reports. */
    String title() {
        return file + ": " + name;
    }

    EventFact fact() {
        return new EventFactBuilder().schoolId(schoolId).school(new SchoolSnapshot(schoolId, schoolName))
                .type(event.type()).courseId(event.courseId()).formId(event.formId()).couponCode(event.couponCode())
                .certificateId(event.certificateId()).reason(event.reason()).tagsAdded(event.tagsAdded())
                .tagsRemoved(event.tagsRemoved()).fields(event.fields()).user(user).build();
    }
}
