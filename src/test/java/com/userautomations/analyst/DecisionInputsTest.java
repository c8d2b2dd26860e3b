package com.userautomations.analyst;

import static org.assertj.core.api.Assertions.assertThat;

import com.userautomations.engine.EventFact;
import com.userautomations.engine.EventFactBuilder;
import com.userautomations.engine.SchoolSnapshot;
import com.userautomations.engine.UserSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The DMN inputs carry the fact model's names and plain values. */
class DecisionInputsTest {

    @Test
    void userEventAndSchoolHaveTheFactModelsPropertyNames() {
        UserSnapshot user = new UserSnapshot("u1", "Ann@Globex.Example", UserSnapshot.domainOf("Ann@Globex.Example"),
                "learner", "facebook-ads", Instant.parse("2026-06-01T09:00:00Z"), Set.of("vip", "b2b"), Set.of("c2", "c1"),
                Set.of("c1"), Set.of("club"), Map.of("company", "Globex"));
        EventFact fact = new EventFactBuilder().schoolId("acme").school(new SchoolSnapshot("acme", "Acme Academy"))
                .type("tags.added").tagsAdded(Set.of("vip")).fields(Map.of("plan", "annual")).user(user).build();

        Map<String, Object> inputs = DecisionInputs.of(fact);

        assertThat(inputs).containsOnlyKeys("user", "event", "school");
        assertThat(inputs.get("user")).isEqualTo(Map.ofEntries(Map.entry("id", "u1"), Map.entry("email", "Ann@Globex.Example"),
                Map.entry("emailDomain", "globex.example"), Map.entry("role", "learner"), Map.entry("source", "facebook-ads"),
                Map.entry("registeredAt", "2026-06-01T09:00:00Z"), Map.entry("tags", List.of("b2b", "vip")),
                Map.entry("courseIds", List.of("c1", "c2")), Map.entry("completedCourseIds", List.of("c1")),
                Map.entry("spaceIds", List.of("club")), Map.entry("fields", Map.of("company", "Globex"))));
        @SuppressWarnings("unchecked")
        Map<String, Object> event = (Map<String, Object>) inputs.get("event");
        assertThat(event).containsEntry("type", "tags.added").containsEntry("schoolId", "acme")
                .containsEntry("tagsAdded", List.of("vip")).containsEntry("tagsRemoved", List.of())
                .containsEntry("fields", Map.of("plan", "annual")).containsEntry("courseId", null)
                .containsKeys("formId", "couponCode", "certificateId", "reason");
        assertThat(inputs.get("school")).isEqualTo(Map.of("id", "acme", "name", "Acme Academy"));
    }
}
