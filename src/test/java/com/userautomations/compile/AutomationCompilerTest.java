package com.userautomations.compile;

import static com.userautomations.engine.TestFacts.automation;
import static com.userautomations.engine.TestFacts.definition;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.drools.model.Condition;
import org.drools.model.Constraint;
import org.drools.model.Rule;
import org.drools.model.SingleConstraint;
import org.drools.model.patterns.CompositePatterns;
import org.drools.model.patterns.PatternImpl;
import org.junit.jupiter.api.Test;

class AutomationCompilerTest {

    /** exprId -> whether the constraint is alpha-indexed, in pattern order. */
    private static Map<String, Boolean> constraints(Rule rule) {
        List<PatternImpl<?>> patterns = new ArrayList<>();
        collect(rule.getView(), patterns);
        assertThat(patterns).as("one pattern per rule").hasSize(1);
        Map<String, Boolean> out = new LinkedHashMap<>();
        flatten(patterns.get(0).getConstraint(), out);
        return out;
    }

    private static void flatten(Constraint c, Map<String, Boolean> out) {
        if (c instanceof SingleConstraint single) {
            out.put(single.getExprId(), single.getIndex() != null);
        } else {
            c.getChildren().forEach(child -> flatten(child, out));
        }
    }

    private static void collect(Condition condition, List<PatternImpl<?>> patterns) {
        if (condition instanceof PatternImpl<?> p) {
            patterns.add(p);
        } else if (condition instanceof CompositePatterns composite) {
            composite.getSubConditions().forEach(sub -> collect(sub, patterns));
        }
    }

    @Test
    void compilesOneRulePerTrigger() {
        CompiledAutomation a = automation("welcome", 4, definition(
                "{'type': 'user.signed_up'}, {'type': 'tags.added', 'tags': ['t1']}, {'type': 'form.submitted'}", null));

        List<Rule> rules = AutomationCompiler.compile(a);

        assertThat(rules).extracting(Rule::getName).containsExactly("a:welcome:4:t0", "a:welcome:4:t1", "a:welcome:4:t2");
        assertThat(rules).extracting(Rule::getPackage).containsOnly(AutomationCompiler.RULE_PACKAGE);
    }

    @Test
    void hashesTheTypeAndASingleFilterValueFirst() {
        CompiledAutomation a = automation("a", 1, definition(
                "{'type': 'user.unenrolled', 'courseIds': ['c1'], 'reasons': ['expired', 'admin']}",
                "{'type': 'has_tags', 'tags': ['vip']}"));

        Map<String, Boolean> constraints = constraints(AutomationCompiler.compile(a).get(0));

        assertThat(constraints).containsExactly(
                Map.entry("type == \"user.unenrolled\"", true),
                Map.entry("courseId == \"c1\"", true),
                Map.entry("reason in [\"expired\",\"admin\"]", false),
                Map.entry("if {\"type\":\"has_tags\",\"tags\":[\"vip\"]}", false));
    }

    @Test
    void splitsTopLevelAllIntoConstraintsAndKeepsNestedTreesWhole() {
        CompiledAutomation a = automation("a", 1, definition("{'type': 'form.submitted', 'formIds': ['f1']}",
                "{'all': [{'type': 'role', 'roles': ['lead']}, {'all': [{'type': 'in_space', 'spaceIds': ['s1']}]},"
                        + " {'any': [{'type': 'source', 'sources': ['x']}, {'not': {'type': 'has_tags', 'tags': ['y']}}]}]}"));

        Map<String, Boolean> constraints = constraints(AutomationCompiler.compile(a).get(0));

        assertThat(constraints.keySet()).containsExactly(
                "type == \"form.submitted\"",
                "formId == \"f1\"",
                "if {\"type\":\"role\",\"roles\":[\"lead\"]}",
                "if {\"type\":\"in_space\",\"spaceIds\":[\"s1\"]}",
                "if {\"any\":[{\"type\":\"source\",\"sources\":[\"x\"]},{\"not\":{\"type\":\"has_tags\",\"tags\":[\"y\"]}}]}");
    }

    @Test
    void exprIdsEncodeValuesSoDifferentListsNeverCollide() {
        Map<String, Boolean> joined = constraints(AutomationCompiler.compile(automation("a", 1,
                definition("{'type': 'tags.added', 'tags': ['a,b']}", null))).get(0));
        Map<String, Boolean> split = constraints(AutomationCompiler.compile(automation("b", 1,
                definition("{'type': 'tags.added', 'tags': ['a', 'b']}", null))).get(0));
        Map<String, Boolean> quoted = constraints(AutomationCompiler.compile(automation("c", 1,
                definition("{'type': 'tags.added', 'tags': ['a\\\",\\\"b']}", null))).get(0));

        assertThat(joined.keySet()).contains("tagsAdded containsAny [\"a,b\"]", "user.tags containsAll [\"a,b\"]");
        assertThat(split.keySet()).contains("tagsAdded containsAny [\"a\",\"b\"]");
        assertThat(quoted.keySet()).contains("tagsAdded containsAny [\"a\\\",\\\"b\"]");
    }

    @Test
    void tagsTriggersWithoutTagsOnlyNeedAChange() {
        Map<String, Boolean> added = constraints(AutomationCompiler.compile(automation("a", 1,
                definition("{'type': 'tags.added'}", null))).get(0));
        Map<String, Boolean> removed = constraints(AutomationCompiler.compile(automation("a", 1,
                definition("{'type': 'tags.removed', 'tags': ['x']}", null))).get(0));

        assertThat(added.keySet()).containsExactly("type == \"tags.added\"", "tagsAdded notEmpty");
        assertThat(removed.keySet()).containsExactly("type == \"tags.removed\"", "tagsRemoved containsAny [\"x\"]",
                "user.tags containsNone [\"x\"]");
    }
}
