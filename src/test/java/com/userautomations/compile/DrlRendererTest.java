package com.userautomations.compile;

import static com.userautomations.engine.TestFacts.automation;
import static com.userautomations.engine.TestFacts.definition;
import static com.userautomations.engine.TestFacts.event;
import static com.userautomations.engine.TestFacts.user;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.automation.DefinitionParser;
import com.userautomations.automation.ParseResult;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.EventFactBuilder;
import com.userautomations.engine.Match;
import com.userautomations.engine.RuleBaseRegistry;
import com.userautomations.engine.SchoolRules;
import com.userautomations.engine.UserSnapshot;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class DrlRendererTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Strings that would be code, templates or broken literals if they were ever concatenated unescaped. */
    static final List<String> INJECTIONS = List.of(
            "\"); System.exit(1); //",
            "rule \"x\" when then end",
            "${java.lang.Runtime}",
            "#{1+1}",
            "@{1+1}",
            "ταγ ✓ 🎓",
            "back\\slash\\",
            "\\\"",
            "\\u0022",
            "a\" || true || \"",
            "end\nrule \"y\"\nwhen\nthen\nend");

    @Test
    void literalEscapesEverythingThatIsNotPlainPrintableAscii() {
        assertThat(DrlRenderer.literal("plain text-1.2:@")).isEqualTo("\"plain text-1.2:@\"");
        assertThat(DrlRenderer.literal("a\"b")).isEqualTo("\"a\\\"b\"");
        assertThat(DrlRenderer.literal("a\\b")).isEqualTo("\"a\\\\b\"");
        assertThat(DrlRenderer.literal("1\n2\r3\t4")).isEqualTo("\"1\\n2\\r3\\t4\"");
        assertThat(DrlRenderer.literal("\u0000\u001f\u007f")).isEqualTo("\"\\u0000\\u001F\\u007F\"");
        assertThat(DrlRenderer.literal("é🎓")).isEqualTo("\"\\u00E9\\uD83C\\uDF93\"");
        assertThat(DrlRenderer.literal("${x}#{y}")).isEqualTo("\"\\u0024{x}\\u0023{y}\"");
        assertThat(DrlRenderer.literal("")).isEqualTo("\"\"");
    }

    @Test
    void literalOutputIsOneStringToken() {
        for (String s : INJECTIONS) {
            String literal = DrlRenderer.literal(s);
            String inner = literal.substring(1, literal.length() - 1);
            assertThat(literal).startsWith("\"").endsWith("\"");
            // every quote inside is escaped, and nothing outside printable ASCII remains
            assertThat(inner.replace("\\\\", "").replace("\\\"", "")).doesNotContain("\"");
            assertThat(inner.chars()).allMatch(c -> c >= 0x20 && c <= 0x7E);
            assertThat(inner).doesNotContain("${", "#{");
        }
    }

    @Test
    void rendersOneRulePerTriggerWithTheConsequenceThatRecordsTheMatch() {
        CompiledAutomation a = automation("welcome-b2b", 7, definition(
                "{'type': 'user.signed_up'}, {'type': 'user.enrolled', 'courseIds': ['c1', 'c2']}",
                "{'all': [{'type': 'registered_after', 'date': '2026-11-01T00:00:00Z'},"
                        + " {'any': [{'type': 'email_domain', 'domains': ['corp.test']},"
                        + " {'not': {'type': 'has_tags', 'tags': ['student']}}]}]}"));

        String drl = DrlRenderer.render(a);

        assertThat(drl).startsWith("package com.userautomations.rules;")
                .contains("import com.userautomations.engine.EventFact;", "import com.userautomations.engine.Predicates;")
                .contains("rule \"a:welcome-b2b:7:t0\"", "rule \"a:welcome-b2b:7:t1\"")
                .contains("type == \"user.signed_up\"", "Predicates.in(courseId, \"c1\", \"c2\")")
                .contains("Predicates.after(user.registeredAt, Predicates.instant(\"2026-11-01T00:00:00Z\"))")
                .contains("(Predicates.emailDomainIn(user.emailDomain, \"corp.test\") || "
                        + "!(Predicates.containsAll(user.tags, \"student\")))")
                .contains("$e.addMatch(\"welcome-b2b\", 7);");
        assertThat(drl.split("\nrule ", -1)).hasSize(3);
        assertThat(drl.split("\nend\n", -1)).hasSize(3);
    }

    /**
     * An automation whose every user value is an injection string, matched on its own. Tags, codes,
     * sources and domains cannot hold a line break; field names and values can.
     */
    private static CompiledAutomation injected(String s) {
        ObjectNode root = MAPPER.createObjectNode().put("name", s);
        ArrayNode triggers = root.putArray("triggers");
        triggers.addObject().put("type", "tags.added").putArray("tags").add(s.replace("\n", " "));
        triggers.addObject().put("type", "coupon.claimed").putArray("couponCodes").add(s.replace("\n", " "));
        ArrayNode all = root.putObject("conditions").putArray("all");
        all.addObject().put("type", "has_tags").putArray("tags").add(s.replace("\n", " "));
        all.addObject().put("type", "source").putArray("sources").add(s.replace("\n", " "));
        all.addObject().put("type", "email_domain").putArray("domains").add(s.replace("\n", " "));
        all.addObject().put("type", "field").put("path", "user.fields." + s).put("op", "equals").put("value", s);
        all.addObject().put("type", "field").put("path", "event.fields." + s).put("op", "starts_with").put("value", s);
        all.addObject().putObject("not").put("type", "field").put("path", "user.fields." + s).put("op", "not_equals")
                .put("value", s);
        root.putArray("actions").addObject().put("type", "add_tags").putArray("tags").add("done");
        ParseResult parsed = DefinitionParser.parse(root);
        assertThat(parsed.errors()).as(s).isEmpty();
        return new CompiledAutomation("inj-" + INJECTIONS.indexOf(s), 1, parsed.definition());
    }

    private static EventFact literalEvent(String s, String type, String fieldValue) {
        String line = s.replace("\n", " ");
        UserSnapshot u = user().tags(line).source(line).domain(line).field(s, fieldValue).build();
        EventFactBuilder e = event(type, u).fields(Map.of(s, fieldValue + "!"));
        return type.equals("tags.added") ? e.tagsAdded(Set.of(line)).build() : e.couponCode(line).build();
    }

    @Test
    void injectionStringsCompileAndMatchLiterallyInDrlAndTheBuiltRules() {
        List<CompiledAutomation> automations = INJECTIONS.stream().map(DrlRendererTest::injected).toList();
        String drl = DrlRenderer.render(automations);
        assertThat(drl).doesNotContain("${", "#{");
        assertThat(drl.chars()).allMatch(c -> c == '\n' || c >= 0x20 && c <= 0x7E);
        Function<String, SchoolRules> loader = school -> new SchoolRules(1,
                automations.stream().map(AutomationCompiler::rules).toList());
        RuleBaseRegistry registry = new RuleBaseRegistry(loader);

        try (DrlKieBase kieBase = new DrlKieBase(drl)) {
            for (int i = 0; i < INJECTIONS.size(); i++) {
                String s = INJECTIONS.get(i);
                Match expected = new Match("inj-" + i, 1);
                for (String type : List.of("tags.added", "coupon.claimed")) {
                    assertThat(kieBase.evaluate(literalEvent(s, type, s))).as(s + " " + type).containsExactly(expected);
                    assertThat(registry.evaluate("s", 1, literalEvent(s, type, s))).as(s).containsExactly(expected);
                }
                // what the text would become if anything evaluated or unescaped it does not match
                for (String other : List.of("2", "\"", s.replace("\\", ""), s + " ")) {
                    if (!other.equals(s)) {
                        assertThat(kieBase.evaluate(literalEvent(s, "tags.added", other))).as(s + " vs " + other)
                                .isEmpty();
                        assertThat(registry.evaluate("s", 1, literalEvent(s, "tags.added", other))).isEmpty();
                    }
                }
            }
        }
    }
}
