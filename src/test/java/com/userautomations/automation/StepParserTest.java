package com.userautomations.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.userautomations.common.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Flows in the parser: if/else and exit steps, exitWhen, paths, numbering and limits. */
class StepParserTest {

    private static ParseResult parse(String actions, String extra) {
        return DefinitionParserTest.parse("{'name': 'n', 'triggers': [{'type': 'coupon.claimed'}]" + extra
                + ", 'actions': " + actions + "}");
    }

    @Test
    void aTreeParsesRoundTripsAndIsNumberedInPathOrder() {
        ParseResult r = parse("""
                [{'type': 'add_tags', 'tags': ['a']},
                 {'type': 'if', 'conditions': {'type': 'has_tags', 'tags': ['x']},
                  'then': [{'type': 'exit'}],
                  'else': [{'type': 'if', 'conditions': {'not': {'type': 'has_tags', 'tags': ['y']}}, 'then': []},
                           {'type': 'wait', 'duration': 'PT1H'}]},
                 {'type': 'add_tags', 'tags': ['b']}]""", ", 'exitWhen': {'type': 'has_tags', 'tags': ['goal']}");
        assertThat(r.errors()).isEmpty();
        AutomationDefinition d = r.definition();
        assertThat(d.exitWhen()).isEqualTo(new Condition.HasTags(List.of("goal")));
        assertThat(d.steps().get(1)).isInstanceOf(Step.If.class);
        assertThat(DefinitionParser.parse(DefinitionJson.toJson(d)).definition()).isEqualTo(d);
        StepTree tree = StepTree.of(d.steps());
        assertThat(tree.nodes()).extracting(StepTree.Node::path).containsExactly("actions[0]", "actions[1]",
                "actions[1].then[0]", "actions[1].else[0]", "actions[1].else[1]", "actions[2]");
        assertThat(tree.nodes()).extracting(StepTree.Node::number).containsExactly(0, 1, 2, 3, 4, 5);
        assertThat(tree.nodes()).extracting(StepTree.Node::index).containsExactly(0, 1, 0, 0, 1, 2);
        // the actions at any depth, and those a run surely met before a step
        assertThat(d.actions()).extracting(Action::type).containsExactly(ActionType.ADD_TAGS, ActionType.WAIT,
                ActionType.ADD_TAGS);
        assertThat(tree.actionsBefore(tree.nodes().get(5))).extracting(Action::tags).containsExactly(List.of("a"));
        assertThat(tree.actionsBefore(tree.nodes().get(4))).extracting(Action::tags).containsExactly(List.of("a"));
        // a waiting run's position and the steps pending after it
        StepTree.Position at = StepTree.Position.parse("actions[1].else[2]");
        assertThat(at.text()).isEqualTo("actions[1].else[2]");
        assertThat(tree.holds(at)).isTrue();
        assertThat(tree.after(at)).extracting(StepTree.Node::path).containsExactly("actions[2]");
        assertThat(StepTree.Position.parse("then[0]")).isNull();
        assertThat(StepTree.Position.parse("actions[0].x[1]")).isNull();
    }

    @Test
    void aPlainListIsTheVersionOneDefinition() {
        ParseResult r = parse("[{'type': 'add_tags', 'tags': ['a']}]", "");
        assertThat(r.definition()).isEqualTo(new AutomationDefinition("n", AutomationStatus.ACTIVE,
                r.definition().triggers(), null, List.of(Action.tags(ActionType.ADD_TAGS, List.of("a"))),
                Reentry.EVERY_TIME));
        assertThat(DefinitionJson.toJson(r.definition()).has("exitWhen")).isFalse();
    }

    @Test
    void errorsNameTheFieldInsideBranchesAndEachTreeHasItsOwnNodeBound() {
        assertThat(fields(parse("""
                [{'type': 'if', 'conditions': {'type': 'has_tags', 'tags': ['x']},
                  'then': [{'type': 'enroll'}], 'else': [{'type': 'exit', 'extra': 1}]},
                 {'type': 'if', 'conditions': {'type': 'nope'}, 'then': []}]""", ", 'exitWhen': {'all': []}")))
                .containsExactlyInAnyOrder("actions[0].then[0].courseIds", "actions[0].else[0].extra",
                        "actions[1].conditions.type", "exitWhen.all");
        StringBuilder big = new StringBuilder("{'any': [");
        for (int i = 0; i < 100; i++) {
            big.append(i == 0 ? "" : ", ").append("{'all': [{'type': 'has_tags', 'tags': ['t']}, {'type': 'has_tags', 'tags': ['u']}]}");
        }
        String tree = big.append("]}").toString(); // 301 nodes: two fit under 500 each, not one tree
        assertThat(parse("[{'type': 'if', 'conditions': " + tree + ", 'then': []}]", ", 'conditions': " + tree).errors())
                .isEmpty();
    }

    private static List<String> fields(ParseResult r) {
        return r.errors().stream().map(FieldError::field).toList();
    }
}
