package com.userautomations.engine;

import static com.userautomations.engine.TestFacts.automation;
import static com.userautomations.engine.TestFacts.definition;
import static com.userautomations.engine.TestFacts.event;
import static com.userautomations.engine.TestFacts.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.userautomations.compile.CompiledAutomation;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the fact promises its readers (copies, views, defaults), kept while its construction got
 * cheaper, and the engine's "one match per automation, ordered by id".
 */
class EventFactTest {
    private final UserSnapshot ann = user().build();

    @Test
    void copiesMutableInputsAndKeepsTheirOrderAndNullValues() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("z", "1");
        fields.put("a", null);
        Set<String> added = new HashSet<>(Set.of("t1"));
        EventFact fact = event("tags.added", ann).fields(fields).tagsAdded(added).build();

        fields.put("b", "2");
        added.add("t2");

        assertThat(fact.getFields().keySet()).containsExactly("z", "a");
        assertThat(fact.getFields()).containsEntry("z", "1").containsEntry("a", null).hasSize(2);
        assertThat(fact.getFields().get(null)).isNull();
        assertThat(fact.getTagsAdded()).containsExactly("t1");
        assertThatThrownBy(() -> fact.getFields().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> fact.getTagsAdded().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void emptyAndMissingInputsBecomeEmptyUnmodifiableValues() {
        EventFact empty = event("user.enrolled", ann).fields(new HashMap<>()).tagsAdded(Set.of()).build();
        EventFact missing = event("user.enrolled", ann).build();

        assertThat(empty.getFields()).isEmpty();
        assertThat(empty.getFields().get(null)).isNull(); // as an empty unmodifiable LinkedHashMap answers
        assertThat(empty.getFields().containsKey(null)).isFalse();
        assertThatThrownBy(() -> empty.getFields().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(missing.getFields()).isEmpty();
        assertThat(missing.getTagsAdded()).isEmpty();
        assertThat(missing.getTagsRemoved()).isEmpty();
    }

    @Test
    void schoolDefaultsToItsIdWithNoName() {
        EventFact known = event("user.enrolled", ann).schoolId("s1").school(new SchoolSnapshot("s1", "Acme")).build();
        EventFact unknown = event("user.enrolled", ann).schoolId("s1").build();

        assertThat(known.getSchool()).isEqualTo(new SchoolSnapshot("s1", "Acme"));
        assertThat(unknown.getSchool()).isEqualTo(new SchoolSnapshot("s1", ""));
        assertThat(unknown.getSchool()).isSameAs(unknown.getSchool());
    }

    @Test
    void matchesIsALiveUnmodifiableView() {
        EventFact fact = event("user.enrolled", ann).build();
        List<Match> before = fact.matches();
        assertThat(before).isEmpty();

        fact.addMatch("a", 1);
        fact.addMatch("b", 2);

        assertThat(before).containsExactly(new Match("a", 1), new Match("b", 2));
        assertThat(fact.matches()).containsExactly(new Match("a", 1), new Match("b", 2));
        assertThatThrownBy(() -> before.add(new Match("c", 1))).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void recordedActionsIsALiveUnmodifiableView() {
        EventFact fact = event("user.enrolled", ann).build();
        Map<String, ?> before = fact.recordedActions();
        assertThat(before).isEmpty();

        fact.firing("rule:x");
        fact.addTags("t");
        fact.firing(null);

        assertThat(before).containsOnlyKeys("rule:x");
        assertThat(fact.recordedActions().get("rule:x")).hasSize(1);
        assertThatThrownBy(() -> fact.addTags("t")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void oneMatchPerAutomationOrderedByIdHoweverManyTriggersFire() {
        String bothTriggers = "{'type': 'user.enrolled'}, {'type': 'user.enrolled', 'courseIds': ['c1']}";
        CompiledAutomation b = automation("b", 1, definition(bothTriggers, null));
        CompiledAutomation a = automation("a", 3, definition(bothTriggers, null));
        CompiledAutomation c = automation("c", 2, definition("{'type': 'user.enrolled'}", null));
        CompiledAutomation d = automation("d", 1, definition("{'type': 'user.enrolled', 'courseIds': ['c2']}", null));

        for (List<CompiledAutomation> rules : List.of(List.of(b), List.of(b, a), List.of(c, b), List.of(c, a, b, d))) {
            TestSchools schools = new TestSchools().put("s", 1, rules.toArray(CompiledAutomation[]::new));
            RuleBaseRegistry registry = new RuleBaseRegistry(schools);
            EventFact fact = event("user.enrolled", ann).schoolId("s").courseId("c1").build();

            List<Match> matches = registry.evaluate("s", 1, fact);

            List<Match> expected = rules.stream().filter(x -> x != d).map(x -> new Match(x.automationId(), x.version()))
                    .sorted(java.util.Comparator.comparing(Match::automationId)).toList();
            assertThat(matches).as("%s", rules).containsExactlyElementsOf(expected);
            assertThatThrownBy(() -> matches.add(new Match("x", 1))).isInstanceOf(UnsupportedOperationException.class);
            assertThat(registry.evaluate("s", 1, event("user.enrolled", ann).schoolId("s").courseId("c9").build()))
                    .hasSize((int) rules.stream().filter(x -> x != d).count());
        }
    }
}
