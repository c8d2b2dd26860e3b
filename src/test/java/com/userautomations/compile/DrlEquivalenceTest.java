package com.userautomations.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.AutomationStatus;
import com.userautomations.automation.Reentry;
import com.userautomations.automation.Step;
import com.userautomations.automation.Condition;
import com.userautomations.automation.ConditionType;
import com.userautomations.automation.DefinitionJson;
import com.userautomations.automation.DefinitionParser;
import com.userautomations.automation.FieldOp;
import com.userautomations.automation.Trigger;
import com.userautomations.automation.TriggerType;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.Match;
import com.userautomations.engine.RuleBaseRegistry;
import com.userautomations.engine.SchoolRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The built rules and their DRL rendering, compiled by the classic DRL compiler, must match
 * exactly the same events: generated automations over every trigger, leaf and operator, with
 * injection strings among the values.
 */
class DrlEquivalenceTest {
    private static final long SEED = 20261128L;
    private static final int SCHOOLS = 20;
    private static final int AUTOMATIONS = 1_000;
    private static final int EVENTS = 5_000;
    private static final int STEP_AUTOMATIONS = 300;
    private static final int STEP_EVENTS = 2_000;

    @Test
    void drlAndBuiltRulesMatchTheSameEvents() {
        long started = System.nanoTime();
        RandomAutomations random = new RandomAutomations(SEED);
        Map<String, List<CompiledAutomation>> bySchool = new LinkedHashMap<>();
        Map<String, CompiledAutomation> byId = new HashMap<>();
        Map<String, String> schoolOf = new HashMap<>();
        for (int i = 0; i < AUTOMATIONS; i++) {
            String school = "school-" + (i % SCHOOLS);
            AutomationDefinition d = random.definition();
            // the generated definitions are ones the API accepts
            assertThat(DefinitionParser.parse(DefinitionJson.toJson(d)).definition()).isEqualTo(d);
            CompiledAutomation a = new CompiledAutomation(school + ".a" + i, 1 + i % 3, d);
            bySchool.computeIfAbsent(school, s -> new ArrayList<>()).add(a);
            byId.put(a.automationId(), a);
            schoolOf.put(a.automationId(), school);
        }
        List<Supplier<EventFact>> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            EventFact template = random.event("school-" + (i % SCHOOLS));
            events.add(() -> copy(template, template.getSchoolId()));
        }

        long buildStart = System.nanoTime();
        RuleBaseRegistry registry = new RuleBaseRegistry(s -> new SchoolRules(1,
                bySchool.get(s).stream().map(AutomationCompiler::rules).toList()));
        bySchool.keySet().forEach(s -> registry.evaluate(s, 1, copy(events.get(0).get(), s)));
        long built = System.nanoTime();
        Set<String> fromModel = new TreeSet<>();
        for (int i = 0; i < EVENTS; i++) {
            EventFact e = events.get(i).get();
            for (Match m : registry.evaluate(e.getSchoolId(), 1, e)) {
                fromModel.add(m.automationId() + "#" + i + "#v" + m.version());
            }
        }
        long evaluated = System.nanoTime();

        String drl = DrlRenderer.render(byId.values().stream()
                .sorted(Comparator.comparing(CompiledAutomation::automationId)).toList());
        Set<String> fromDrl = new TreeSet<>();
        long drlCompiled;
        try (DrlKieBase drlBase = new DrlKieBase(drl)) {
            drlCompiled = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                EventFact e = events.get(i).get();
                for (Match m : drlBase.evaluate(e)) {
                    // one DRL base holds every school's rules: keep the event's school only
                    if (schoolOf.get(m.automationId()).equals(e.getSchoolId())) {
                        fromDrl.add(m.automationId() + "#" + i + "#v" + m.version());
                    }
                }
            }
        }
        long done = System.nanoTime();

        System.out.printf("DrlEquivalenceTest: %d automations, %d rules, %d events, %d matches; "
                        + "model build %d ms, model eval %d ms, DRL compile %d ms, DRL eval %d ms, total %d ms%n",
                AUTOMATIONS, byId.values().stream().mapToInt(a -> a.definition().triggers().size()).sum(), EVENTS,
                fromModel.size(), ms(built - buildStart), ms(evaluated - built), ms(drlCompiled - evaluated),
                ms(done - drlCompiled), ms(done - started));

        Set<String> onlyModel = new TreeSet<>(fromModel);
        onlyModel.removeAll(fromDrl);
        Set<String> onlyDrl = new TreeSet<>(fromDrl);
        onlyDrl.removeAll(fromModel);
        assertThat(onlyModel).as("matched by the built rules only").isEmpty();
        assertThat(onlyDrl).as("matched by the DRL only").isEmpty();
        assertThat(fromModel).hasSizeGreaterThan(2_000);
        assertCoverage(fromModel, byId, events);
    }

    /**
     * Flow conditions (an if's, exitWhen) are evaluated with {@link AutomationCompiler#stepCondition}
     * when a run gets there; their DRL rendering is one query each. Both must hold on exactly the
     * same facts, over random trees nested in branches.
     */
    @Test
    void stepConditionsAndTheirDrlQueriesHoldOnTheSameEvents() {
        RandomAutomations random = new RandomAutomations(SEED + 1);
        List<CompiledAutomation> automations = new ArrayList<>();
        Map<String, Predicate<EventFact>> compiled = new LinkedHashMap<>();
        Map<String, List<String>> queriesOf = new HashMap<>();
        for (int i = 0; i < STEP_AUTOMATIONS; i++) {
            String school = "school-" + (i % SCHOOLS);
            List<Trigger> triggers = random.definition().triggers();
            // a user.inactive run has no event: such an automation refuses event.fields anywhere
            boolean noEvent = triggers.stream().anyMatch(t -> t.type() == TriggerType.USER_INACTIVE);
            UnaryOperator<Condition> fit = c -> noEvent ? RandomAutomations.withoutEventFields(c) : c;
            Condition outer = fit.apply(random.condition());
            Condition inner = fit.apply(random.condition());
            Condition exit = fit.apply(random.condition());
            List<Step> steps = List.of(new Step.If(outer, List.of(new Step.Exit()),
                    List.of(new Step.If(inner, List.of(), List.of(new Step.Exit())))));
            AutomationDefinition d = new AutomationDefinition("steps", AutomationStatus.ACTIVE,
                    triggers, null, steps, exit, Reentry.EVERY_TIME);
            assertThat(DefinitionParser.parse(DefinitionJson.toJson(d)).definition()).isEqualTo(d);
            CompiledAutomation a = new CompiledAutomation(school + ".s" + i, 1, d);
            automations.add(a);
            DrlRenderer.flowConditions(a).forEach((path, c) -> {
                String name = AutomationCompiler.stepQueryName(a.automationId(), a.version(), path);
                compiled.put(name, AutomationCompiler.stepCondition(c));
                queriesOf.computeIfAbsent(school, k -> new ArrayList<>()).add(name);
            });
        }
        assertThat(compiled).hasSize(3 * STEP_AUTOMATIONS);
        Set<String> fromModel = new TreeSet<>();
        Set<String> fromDrl = new TreeSet<>();
        try (DrlKieBase drl = new DrlKieBase(DrlRenderer.render(automations))) {
            for (int i = 0; i < STEP_EVENTS; i++) {
                String school = "school-" + (i % SCHOOLS);
                EventFact template = random.event(school);
                for (String name : queriesOf.get(school)) {
                    if (compiled.get(name).test(copy(template, school))) {
                        fromModel.add(name + "#" + i);
                    }
                }
                for (String name : drl.queriesFinding(copy(template, school), queriesOf.get(school))) {
                    fromDrl.add(name + "#" + i);
                }
            }
        }
        assertThat(fromDrl).isEqualTo(fromModel);
        assertThat(fromModel).hasSizeGreaterThan(STEP_EVENTS / 10);
    }

    /**
     * wait_for steps match events through wait rules (the step's trigger, no conditions): the
     * built wait rules and their DRL rendering record the same steps for the same events, over
     * random triggers at random depths, for automations and for older versions kept live.
     */
    @Test
    void waitRulesAndTheirDrlMatchTheSameEvents() {
        RandomAutomations random = new RandomAutomations(SEED + 2);
        Map<String, List<CompiledAutomation>> bySchool = new LinkedHashMap<>();
        List<CompiledAutomation> all = new ArrayList<>();
        Set<TriggerType> waitedFor = EnumSet.noneOf(TriggerType.class);
        for (int i = 0; i < STEP_AUTOMATIONS; i++) {
            String school = "school-" + (i % SCHOOLS);
            List<Trigger> events = random.definition().triggers().stream()
                    .filter(t -> t.type() != TriggerType.USER_INACTIVE).toList();
            if (events.isEmpty()) {
                continue;
            }
            // the first at the top, the next nested in its then, a third in an if's else
            List<Step> inner = List.of(new Step.If(random.condition(), List.of(),
                    List.of(new Step.WaitFor(events.get(2 % events.size()), java.time.Duration.ofHours(1), List.of(),
                            List.of()))));
            List<Step> steps = List.of(new Step.WaitFor(events.get(0), java.time.Duration.ofDays(3),
                    List.of(new Step.WaitFor(events.get(1 % events.size()), java.time.Duration.ofSeconds(5),
                            List.of(), List.of(new Step.Exit()))), inner));
            events.forEach(t -> waitedFor.add(t.type()));
            AutomationDefinition d = new AutomationDefinition("waits", AutomationStatus.ACTIVE,
                    List.of(Trigger.of(TriggerType.USER_SIGNED_UP)), null, steps, null, Reentry.EVERY_TIME);
            assertThat(DefinitionParser.parse(DefinitionJson.toJson(d)).definition()).isEqualTo(d);
            CompiledAutomation a = new CompiledAutomation(school + ".w" + i, 2, d);
            // an older version with waiting runs: its own steps stay live beside the current ones
            CompiledAutomation older = new CompiledAutomation(a.automationId(), 1, d);
            bySchool.computeIfAbsent(school, k -> new ArrayList<>()).add(a);
            all.add(a);
            all.add(older);
        }
        RuleBaseRegistry registry = new RuleBaseRegistry(school -> new SchoolRules(1, bySchool.get(school).stream()
                .map(a -> AutomationCompiler.rules(a, List.of(new CompiledAutomation(a.automationId(), 1,
                        a.definition())))).toList()));
        Set<String> fromModel = new TreeSet<>();
        Set<String> fromDrl = new TreeSet<>();
        String drl = "package " + AutomationCompiler.RULE_PACKAGE + ";\n\nimport com.userautomations.engine.EventFact;\n"
                + "import com.userautomations.engine.Predicates;\n";
        StringBuilder rules = new StringBuilder(drl);
        for (CompiledAutomation a : all) {
            // the wait rules only: the automations' trigger rules are compared by the first test
            String one = DrlRenderer.render(new CompiledAutomation(a.automationId(), a.version(),
                    new AutomationDefinition(a.definition().name(), AutomationStatus.ACTIVE, List.of(), null,
                            a.definition().steps(), null, Reentry.EVERY_TIME)));
            rules.append(one.substring(drl.length()));
        }
        try (DrlKieBase base = new DrlKieBase(rules.toString())) {
            for (int i = 0; i < STEP_EVENTS * 2; i++) {
                String school = "school-" + (i % SCHOOLS);
                String n = "#" + i;
                EventFact template = random.event(school);
                EventFact model = copy(template, school);
                registry.evaluate(school, 1, model);
                model.waits().forEach(w -> fromModel.add(w.automationId() + ":" + w.version() + ":" + w.step() + n));
                EventFact text = copy(template, school);
                base.evaluate(text);
                text.waits().stream().filter(w -> w.automationId().startsWith(school + "."))
                        .forEach(w -> fromDrl.add(w.automationId() + ":" + w.version() + ":" + w.step() + n));
            }
        }
        assertThat(fromDrl).isEqualTo(fromModel);
        assertThat(fromModel).hasSizeGreaterThan(STEP_EVENTS / 10);
        assertThat(fromModel).anyMatch(m -> m.contains(":1:")).anyMatch(m -> m.contains(".then[0]"))
                .anyMatch(m -> m.contains(".else[0].else[0]"));
        assertThat(waitedFor).hasSize(TriggerType.values().length - 1);
    }

    /** Every trigger type, leaf and operator took part in some match, so the comparison means something. */
    private static void assertCoverage(Set<String> matches, Map<String, CompiledAutomation> byId,
            List<Supplier<EventFact>> events) {
        Set<TriggerType> triggers = EnumSet.noneOf(TriggerType.class);
        Set<ConditionType> leaves = EnumSet.noneOf(ConditionType.class);
        Set<FieldOp> ops = EnumSet.noneOf(FieldOp.class);
        Set<String> composites = new HashSet<>();
        for (String match : matches) {
            String[] parts = match.split("#");
            CompiledAutomation a = byId.get(parts[0]);
            triggers.add(TriggerType.fromWire(events.get(Integer.parseInt(parts[1])).get().getType()).orElseThrow());
            for (Condition leaf : a.definition().leaves()) {
                leaves.add(ConditionType.of(leaf).orElseThrow());
                if (leaf instanceof Condition.Field f) {
                    ops.add(f.op());
                }
            }
            Condition c = a.definition().conditions();
            if (c != null) {
                composites.add(c.getClass().getSimpleName());
            }
        }
        assertThat(triggers).containsExactlyInAnyOrder(TriggerType.values());
        assertThat(leaves).containsExactlyInAnyOrder(ConditionType.values());
        assertThat(ops).containsExactlyInAnyOrder(FieldOp.values());
        assertThat(composites).contains("All", "Any", "Not");
    }

    private static EventFact copy(EventFact e, String schoolId) {
        return new EventFact(schoolId, e.getType(), e.getCourseId(), e.getFormId(), e.getCouponCode(),
                e.getCertificateId(), e.getReason(), e.getTagsAdded(), e.getTagsRemoved(), e.getFields(), e.getUser())
                .useDecider(RandomAutomations.DECIDER);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }
}
