package com.userautomations.compile;

import static org.drools.model.DSL.declarationOf;
import static org.drools.model.DSL.on;
import static org.drools.model.PatternDSL.alphaIndexedBy;
import static org.drools.model.PatternDSL.pattern;
import static org.drools.model.PatternDSL.rule;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.TextNode;
import com.userautomations.automation.Condition;
import com.userautomations.automation.Step;
import com.userautomations.automation.StepTree;
import com.userautomations.automation.Trigger;
import com.userautomations.automation.TriggerType;
import com.userautomations.engine.AutomationRules;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.Predicates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.drools.model.Declaration;
import org.drools.model.Index;
import org.drools.model.PatternDSL.PatternDef;
import org.drools.model.Rule;
import org.drools.model.functions.Function1;

/**
 * Compiles an automation into executable-model rules: one rule per trigger, each with a single
 * pattern on the event. Equalities come first and are alpha-indexed (hashed) so that a school's
 * rules are narrowed by event type, then course / form / coupon, before anything else is tested.
 * User values are captured as data; every constraint's exprId is its canonical text with the
 * values JSON-encoded, because Drools shares nodes by exprId.
 */
public final class AutomationCompiler {
    public static final String RULE_PACKAGE = AutomationRules.RULE_PACKAGE;

    // alpha-index field ids: unique per EventFact property and >= 0 (see STACK.md)
    static final int TYPE_FIELD = 0;
    static final int COURSE_FIELD = 1;
    static final int REASON_FIELD = 2;
    static final int FORM_FIELD = 3;
    static final int COUPON_FIELD = 4;

    private AutomationCompiler() {
    }

    /** The rule name of trigger {@code index} of an automation version. */
    public static String ruleName(String automationId, int version, int triggerIndex) {
        return "a:" + automationId + ":" + version + ":t" + triggerIndex;
    }

    /** The DRL query name of a step's condition ({@code path} a step path, or exitWhen) of an automation version. */
    public static String stepQueryName(String automationId, int version, String path) {
        return "a:" + automationId + ":" + version + ":" + path;
    }

    /**
     * A step's condition tree (an if's, or exitWhen), evaluated when a run gets there: the same
     * conjuncts and the same predicates a rule's constraints are built from, so a step condition
     * means exactly what the tree means at the top level. Its DRL form is a query
     * ({@link DrlRenderer}), which the DRL equivalence test compares with this.
     */
    public static Predicate<EventFact> stepCondition(Condition tree) {
        List<Predicate<EventFact>> parts = ConditionPredicates.conjuncts(tree).stream()
                .map(ConditionPredicates::of).toList();
        return e -> {
            for (Predicate<EventFact> p : parts) {
                if (!p.test(e)) {
                    return false;
                }
            }
            return true;
        };
    }

    /** The rule name of the wait_for at {@code path} of an automation version. */
    public static String waitRuleName(String automationId, int version, String path) {
        return "a:" + automationId + ":" + version + ":w:" + path;
    }

    /** What the engine loads for an automation version: its rules, none when it is not active. */
    public static AutomationRules rules(CompiledAutomation a) {
        return rules(a, List.of());
    }

    /**
     * What the engine loads for an automation: none when it is not active (its waiting runs
     * hold); else the trigger rules of its version, and the wait rules of that version and of
     * {@code earlier}, the older versions that may have waiting runs (a run ends on the version
     * it started on).
     */
    public static AutomationRules rules(CompiledAutomation a, List<CompiledAutomation> earlier) {
        if (!a.definition().isActive()) {
            return new AutomationRules(a.automationId(), a.version(), List.of());
        }
        List<Rule> rules = new ArrayList<>(compile(a));
        boolean exitGoals = false;
        Set<Integer> versions = new HashSet<>();
        List<CompiledAutomation> live = new ArrayList<>(earlier.size() + 1);
        live.add(a);
        live.addAll(earlier);
        for (CompiledAutomation v : live) {
            if (versions.add(v.version())) {
                rules.addAll(waitRules(v));
                exitGoals |= v.definition().exitWhen() != null;
            }
        }
        return new AutomationRules(a.automationId(), a.version(), rules, exitGoals);
    }

    /**
     * One rule per wait_for step of a version: the step's event trigger, with no conditions
     * (the run's conditions were checked when it started). Its consequence records the step, so
     * an event finds the runs waiting there through the rule base, never by scanning them.
     */
    public static List<Rule> waitRules(CompiledAutomation a) {
        List<Rule> rules = new ArrayList<>();
        for (StepTree.Node n : StepTree.of(a.definition().steps()).nodes()) {
            if (n.step() instanceof Step.WaitFor w) {
                Declaration<EventFact> event = declarationOf(EventFact.class, "$e");
                PatternDef<EventFact> p = triggerPattern(event, w.event());
                String id = a.automationId();
                int version = a.version();
                String path = n.path();
                rules.add(rule(RULE_PACKAGE, waitRuleName(id, version, path))
                        .build(p, on(event).execute(e -> e.addWait(id, version, path))));
            }
        }
        return rules;
    }

    /** One rule per trigger, in trigger order. */
    public static List<Rule> compile(CompiledAutomation a) {
        List<Trigger> triggers = a.definition().triggers();
        List<Condition> conjuncts = ConditionPredicates.conjuncts(a.definition().conditions());
        List<Rule> rules = new ArrayList<>(triggers.size());
        for (int i = 0; i < triggers.size(); i++) {
            rules.add(buildRule(a, i, triggers.get(i), conjuncts));
        }
        return rules;
    }

    private static Rule buildRule(CompiledAutomation a, int index, Trigger t, List<Condition> conjuncts) {
        Declaration<EventFact> event = declarationOf(EventFact.class, "$e");
        PatternDef<EventFact> p = triggerPattern(event, t);
        for (Condition c : conjuncts) {
            Predicate<EventFact> test = ConditionPredicates.of(c);
            p.expr(ConditionPredicates.exprId(c), test::test);
        }
        String id = a.automationId();
        int version = a.version();
        return rule(RULE_PACKAGE, ruleName(id, version, index))
                .build(p, on(event).execute(e -> e.addMatch(id, version)));
    }

    /** The event's type and the trigger's filters, equalities first and hashed. */
    private static PatternDef<EventFact> triggerPattern(Declaration<EventFact> event, Trigger t) {
        PatternDef<EventFact> p = pattern(event);
        hashed(p, "type", TYPE_FIELD, EventFact::getType, t.type().wireName());
        oneOf(p, "courseId", COURSE_FIELD, EventFact::getCourseId, t.eventCourseIds());
        oneOf(p, "reason", REASON_FIELD, EventFact::getReason, t.reasons());
        oneOf(p, "formId", FORM_FIELD, EventFact::getFormId, t.formIds());
        oneOf(p, "couponCode", COUPON_FIELD, EventFact::getCouponCode, t.couponCodes());
        tags(p, t);
        return p;
    }

    private static void hashed(PatternDef<EventFact> p, String property, int fieldId,
            Function1<EventFact, String> getter, String value) {
        p.expr(property + " == " + json(value), e -> value.equals(getter.apply(e)),
                alphaIndexedBy(String.class, Index.ConstraintType.EQUAL, fieldId, getter, value));
    }

    /** Nothing for an empty list (any), a hashed equality for one value, set membership otherwise. */
    private static void oneOf(PatternDef<EventFact> p, String property, int fieldId,
            Function1<EventFact, String> getter, List<String> values) {
        if (values.size() == 1) {
            hashed(p, property, fieldId, getter, values.get(0));
        } else if (values.size() > 1) {
            String[] allowed = ConditionPredicates.array(values);
            p.expr(property + " in " + json(values), e -> Predicates.in(getter.apply(e), allowed));
        }
    }

    /**
     * tags.added: the event added one of the tags and the user now has all of them (they may have
     * been added at different times). tags.removed: the event removed one of them and the user now
     * has none. With no tags listed: the event added (removed) any tag.
     */
    private static void tags(PatternDef<EventFact> p, Trigger t) {
        boolean added = t.type() == TriggerType.TAGS_ADDED;
        if (!added && t.type() != TriggerType.TAGS_REMOVED) {
            return;
        }
        Function1<EventFact, Set<String>> changed = added ? EventFact::getTagsAdded : EventFact::getTagsRemoved;
        String changedName = added ? "tagsAdded" : "tagsRemoved";
        if (t.tags().isEmpty()) {
            p.expr(changedName + " notEmpty", e -> Predicates.notEmpty(changed.apply(e)));
            return;
        }
        String[] tags = ConditionPredicates.array(t.tags());
        String list = json(t.tags());
        p.expr(changedName + " containsAny " + list, e -> Predicates.containsAny(changed.apply(e), tags));
        if (added) {
            p.expr("user.tags containsAll " + list, e -> Predicates.containsAll(e.getUser().tags(), tags));
        } else {
            p.expr("user.tags containsNone " + list, e -> Predicates.containsNone(e.getUser().tags(), tags));
        }
    }

    private static String json(String value) {
        return new TextNode(value).toString();
    }

    private static String json(List<String> values) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array.toString();
    }
}
