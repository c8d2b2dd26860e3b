package com.userautomations.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.TextRules;
import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.DefinitionJson;
import com.userautomations.automation.DefinitionParser;
import com.userautomations.common.FieldError;
import com.userautomations.automation.ParseResult;
import com.userautomations.common.BodyReader;
import com.userautomations.common.JsonBodies;
import com.userautomations.compile.AutomationCompiler;
import com.userautomations.compile.CompiledAutomation;
import com.userautomations.compile.DrlKieBase;
import com.userautomations.compile.DrlRenderer;
import com.userautomations.events.EventParser;
import com.userautomations.events.EventTypes;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Properties of the pure parsing and compiling code, on generated JSON (no Quarkus):
 * <ul>
 * <li>{@link DefinitionParser#parse} and {@link EventParser#parse} never throw, whatever the JSON
 * (random structures, wrong types, unknown enum values, missing fields, huge strings, control
 * characters, nesting thousands of levels deep): they answer errors with paths, or a result;</li>
 * <li>every valid definition round-trips through {@link DefinitionJson#toJson} (as a tree and as
 * stored text) to an equal definition, and compiles: its DRL rendering with the DRL compiler and its
 * executable model.</li>
 * </ul>
 * Seeded; {@code -Dfuzz.seed=N} explores other cases.
 */
class ParserFuzzTest {
    static final long SEED = Long.getLong("fuzz.seed", 20261128L);
    private static final int PARSE_CASES = 1_500;
    private static final int VALID_DEFINITIONS = 300;
    /** The DRL compiler is slow (~0.1 s an automation): only so many definitions per test have their DRL compiled. */
    private static final int DRL_COMPILES = 150;
    private static final int DRL_COMPILES_OF_MUTATED = 60;
    private static final Instant NOW = Instant.parse("2026-11-28T09:30:00Z");

    @Test
    void definitionParserNeverThrowsAndAnswersDefinitionOrErrors() {
        FuzzGen g = new FuzzGen(SEED);
        Documents docs = new Documents(g);
        Failures failures = new Failures("DefinitionParser.parse, seed " + SEED);
        int valid = 0;
        DrlBatch drl = new DrlBatch(DRL_COMPILES_OF_MUTATED);
        for (int i = 0; i < PARSE_CASES; i++) {
            JsonNode json = malformedDefinition(g, docs, i);
            ParseResult result;
            try {
                result = DefinitionParser.parse(json);
            } catch (Throwable e) {
                failures.add("case " + i + ": parse threw", Failures.describe(json), e);
                continue;
            }
            for (FieldError e : result.errors()) {
                if (e.field() == null || e.field().isEmpty() || e.message() == null || e.message().isEmpty()) {
                    failures.add("case " + i + ": an error without a path or message: " + e, Failures.describe(json));
                }
            }
            if (result.isValid()) {
                valid++;
                // a mutation that stayed valid is as good a definition as any: it must round-trip and compile
                checkValidDefinition(result.definition(), "case " + i + " (mutated, still valid)", failures, drl);
            }
        }
        drl.compile(failures);
        System.out.printf("ParserFuzzTest: %d generated definitions, %d still valid (%d compiled as DRL)%n",
                PARSE_CASES, valid, drl.size());
        failures.assertNone();
    }

    @Test
    void eventParserNeverThrowsAndAnswersEventOrErrors() {
        FuzzGen g = new FuzzGen(SEED + 1);
        Documents docs = new Documents(g);
        Failures failures = new Failures("EventParser.parse, seed " + (SEED + 1));
        int valid = 0;
        for (int i = 0; i < PARSE_CASES; i++) {
            JsonNode json = malformedEvent(g, docs, i);
            EventParser.Parsed parsed;
            try {
                parsed = EventParser.parse(json, NOW);
            } catch (Throwable e) {
                failures.add("case " + i + ": parse threw", Failures.describe(json), e);
                continue;
            }
            if (parsed.valid() == (parsed.event() == null)) {
                failures.add("case " + i + ": neither an event nor errors, or both", Failures.describe(json));
            } else if (parsed.valid()) {
                valid++;
                var e = parsed.event();
                if (!TextRules.isId(e.id()) || !EventTypes.ALL.contains(e.type())
                        || e.occurredAt() == null) {
                    failures.add("case " + i + ": accepted an event without a valid id, type and time: " + e,
                            Failures.describe(json));
                }
            }
        }
        System.out.printf("ParserFuzzTest: %d generated events, %d valid%n", PARSE_CASES, valid);
        failures.assertNone();
    }

    @Test
    void validDefinitionsRoundTripAndCompile() {
        FuzzGen g = new FuzzGen(SEED + 2);
        Documents docs = new Documents(g);
        Failures failures = new Failures("valid definitions, seed " + (SEED + 2));
        long started = System.nanoTime();
        DrlBatch drl = new DrlBatch(DRL_COMPILES);
        for (int i = 0; i < VALID_DEFINITIONS; i++) {
            AutomationDefinition d = docs.definition();
            ParseResult again = DefinitionParser.parse(DefinitionJson.toJson(d));
            if (!again.isValid()) {
                // the generator only makes definitions the API documents as valid
                failures.add("case " + i + ": a valid definition was refused: " + again.errors(),
                        Failures.describe(DefinitionJson.toJson(d)));
                continue;
            }
            checkValidDefinition(d, "case " + i, failures, drl);
        }
        drl.compile(failures);
        System.out.printf("ParserFuzzTest: %d valid definitions round-tripped and built, %d of them compiled as DRL, in %d ms%n",
                VALID_DEFINITIONS, drl.size(), (System.nanoTime() - started) / 1_000_000);
        failures.assertNone();
    }

    /**
     * parse(toJson(d)) == d, through the tree and through the stored text; the executable model
     * builds; the automation is queued on {@code drl} to have its DRL compiled.
     */
    static void checkValidDefinition(AutomationDefinition d, String label, Failures failures, DrlBatch drl) {
        ObjectNode json = DefinitionJson.toJson(d);
        String input = Failures.describe(json);
        try {
            AutomationDefinition again = DefinitionParser.parse(json).definition();
            if (!d.equals(again)) {
                failures.add(label + ": toJson then parse gave another definition:\n  " + again, input);
                return;
            }
            AutomationDefinition stored = DefinitionParser.parse(JsonBodies.read(JsonBodies.write(json))).definition();
            if (!d.equals(stored)) {
                failures.add(label + ": the stored JSON text parses to another definition:\n  " + stored, input);
                return;
            }
        } catch (Throwable e) {
            failures.add(label + ": round trip threw", input, e);
            return;
        }
        CompiledAutomation a = new CompiledAutomation("aut_" + label.hashCode() + ":x@y.z-1", 1 + (label.length() % 5), d);
        try {
            AutomationCompiler.compile(a);
        } catch (Throwable e) {
            failures.add(label + ": the executable model does not build", input, e);
            return;
        }
        if (drl.size() < drl.limit) {
            drl.add(a, label, input);
        }
    }

    /**
     * Compiles DRL renderings with the DRL compiler, many automations per compilation (a
     * compilation has a high fixed cost); a batch that fails is compiled one automation at a time
     * ({@code DrlRenderer.render(a)}) to name the ones that do not compile.
     */
    static final class DrlBatch {
        private static final int SIZE = 60;
        private final int limit;
        private final List<CompiledAutomation> automations = new ArrayList<>();
        private final List<String> labels = new ArrayList<>();
        private final List<String> inputs = new ArrayList<>();

        DrlBatch(int limit) {
            this.limit = limit;
        }

        int size() {
            return automations.size();
        }

        void add(CompiledAutomation a, String label, String input) {
            automations.add(a);
            labels.add(label);
            inputs.add(input);
        }

        void compile(Failures failures) {
            for (int from = 0; from < automations.size(); from += SIZE) {
                int to = Math.min(automations.size(), from + SIZE);
                try (DrlKieBase ignored = new DrlKieBase(DrlRenderer.render(automations.subList(from, to)))) {
                    // the whole batch compiles
                } catch (Throwable batchFailed) {
                    for (int i = from; i < to; i++) {
                        try (DrlKieBase ignored = new DrlKieBase(DrlRenderer.render(automations.get(i)))) {
                            // this one compiles
                        } catch (Throwable e) {
                            failures.add(labels.get(i) + ": the DRL does not compile", inputs.get(i), e);
                        }
                    }
                }
            }
        }
    }

    // ---- generated inputs ----

    /** Definitions: valid ones mutated, random JSON, deep nesting, huge values, wrong top-level types. */
    static JsonNode malformedDefinition(FuzzGen g, Documents docs, int i) {
        int kind = i % 10;
        return switch (kind) {
            case 0, 1, 2, 3, 4 -> g.mutate(DefinitionJson.toJson(docs.definition()), 4);
            case 5 -> g.anyJson(4);
            case 6 -> {
                // deep nesting where conditions, triggers, actions or a value go
                ObjectNode d = DefinitionJson.toJson(docs.definition());
                JsonNode deep = FuzzGen.deep(g.pick(21, 25, 100, 1_000, 3_000, 5_000), g.nextInt(4));
                d.set(g.pick("conditions", "triggers", "actions", "name", "status"), deep);
                yield d;
            }
            case 7 -> FuzzGen.deep(g.pick(10, 1_000, 5_000), g.nextInt(4));
            case 8 -> {
                ObjectNode d = DefinitionJson.toJson(docs.definition());
                d.put("name", g.chance(50) ? g.huge() : g.nasty());
                yield g.chance(50) ? d : g.mutate(d, 2);
            }
            default -> {
                // very wide: many conditions or triggers
                ObjectNode d = DefinitionJson.toJson(docs.definition());
                var all = FuzzGen.NODES.arrayNode();
                for (int k = 0, n = g.pick(499, 500, 501, 2_000); k < n; k++) {
                    all.add(DefinitionJson.condition(docs.leaf()));
                }
                d.set("conditions", FuzzGen.NODES.objectNode().set(g.pick("all", "any"), all));
                yield d;
            }
        };
    }

    /** Events: valid ones mutated, random JSON, deep nesting, huge values, wrong top-level types. */
    static JsonNode malformedEvent(FuzzGen g, Documents docs, int i) {
        List<String> users = List.of("u1", "u2", g.id());
        List<String> courses = List.of("c1", g.id());
        return switch (i % 8) {
            case 0, 1, 2, 3 -> g.mutate(docs.event(g.id(), users, courses), 4);
            case 4 -> g.anyJson(4);
            case 5 -> {
                ObjectNode e = docs.event(g.id(), users, courses);
                e.set(g.pick("user", "fields", "tags", "id", "type", "userId"),
                        FuzzGen.deep(g.pick(2, 100, 1_000, 5_000), g.nextInt(4)));
                yield e;
            }
            case 6 -> {
                ObjectNode e = docs.event(g.id(), users, courses);
                e.put(g.pick("id", "userId", "couponCode", "formId", "courseId", "reason", "occurredAt"), g.huge());
                yield e;
            }
            default -> docs.event(g.id(), users, courses);
        };
    }
}
