package com.userautomations.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scenario format: malformed files are refused with file and path, and failures say what differs. */
class ScenarioFileTest {
    private static final String RULES = """
            package rules.t;
            import com.userautomations.engine.EventFact;
            rule "Tag partners"
            when
                $e : EventFact(type == "user.signed_up", user.emailDomain == "globex.example")
            then
                $e.addTags("partner");
                $e.enroll("onboarding");
            end
            """;
    private static final String DMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="m" name="tiers" namespace="https://t/tiers">
              <inputData id="u" name="user"><variable id="uv" name="user" typeRef="Any"/></inputData>
              <decision id="d" name="Tier">
                <variable id="dv" name="Tier" typeRef="string"/>
                <informationRequirement id="r"><requiredInput href="#u"/></informationRequirement>
                <literalExpression id="e"><text>if list contains(user.tags, "vip") then "gold" else "basic"</text></literalExpression>
              </decision>
            </definitions>
            """;

    static AnalystCompiler.Compiled compiled() {
        return AnalystCompiler.compile(List.of(
                new RuleFile("schools/s1/partners.drl", RULES.getBytes(StandardCharsets.UTF_8)),
                new RuleFile("schools/s1/tiers.dmn", DMN.getBytes(StandardCharsets.UTF_8))), 1);
    }

    static String scenario(String given, String expect) {
        return """
                {"scenarios": [{"name": "one", "schoolId": "s1",
                  "given": %s,
                  "expect": %s}]}""".formatted(given, expect);
    }

    static final String PARTNER = "{\"user\": {\"email\": \"a@globex.example\", \"tags\": [\"vip\"]}, \"event\": {\"type\": \"user.signed_up\"}}";

    static List<String> run(String json) {
        return ScenarioRunner.run(ScenarioFile.parse("tests/x.json", json).get(0), compiled());
    }

    @Test
    void aPassingScenarioHasNoFailures() {
        assertThat(run(scenario(PARTNER, """
                {"rules": [{"rule": "Tag partners", "actions": [{"type": "add_tags", "tag": "partner"},
                  {"type": "enroll", "courseId": "onboarding"}]}], "onlyTheseRules": true,
                 "decisions": [{"model": "tiers", "decision": "Tier", "equals": "gold"}]}"""))).isEmpty();
        assertThat(run(scenario(PARTNER.replace("globex", "other"), "{\"noRule\": true}"))).isEmpty();
    }

    @Test
    void aFailingScenarioSaysWhatWasExpectedAndWhatHappened() {
        assertThat(run(scenario(PARTNER, "{\"rules\": [{\"rule\": \"Tag partners\", \"actions\": [{\"type\": \"add_tags\", \"tags\": [\"b2b\"]}]}]}")))
                .anySatisfy(f -> assertThat(f).contains("the rule \"Tag partners\" recorded")
                        .contains("\"tags\":[\"partner\"]").contains("expected").contains("b2b"));
        assertThat(run(scenario(PARTNER, "{\"noRule\": true}")))
                .anySatisfy(f -> assertThat(f).contains("\"Tag partners\" fired too").contains("expected no rule"));
        assertThat(run(scenario(PARTNER.replace("globex", "other"), "{\"rules\": [{\"rule\": \"Tag partners\"}]}")))
                .contains("expected the rule \"Tag partners\" to fire; it did not", "what fired: no rule");
        assertThat(run(scenario(PARTNER, "{\"decisions\": [{\"model\": \"tiers\", \"decision\": \"Tier\", \"equals\": \"basic\"}]}")))
                .anySatisfy(f -> assertThat(f).contains("gave \"gold\"; expected \"basic\""));
        assertThat(run(scenario(PARTNER, "{\"decisions\": [{\"model\": \"nope\", \"decision\": \"Tier\", \"equals\": 1}]}")))
                .anySatisfy(f -> assertThat(f).contains("no DMN model \"nope\""));
    }

    @Test
    void malformedFilesNameTheFileAndWhatIsWrong() {
        assertMalformed("not json", "tests/x.json", "not JSON");
        assertMalformed("[]", "must be a JSON object");
        assertMalformed("{\"scenarios\": []}", "scenarios: must be a non-empty list");
        assertMalformed(scenario(PARTNER, "{}"), "scenarios[0].expect: expects nothing");
        assertMalformed(scenario(PARTNER.replace("\"tags\"", "\"tagz\""), "{\"noRule\": true}"),
                "scenarios[0].given.user.tagz: unknown key");
        assertMalformed(scenario(PARTNER.replace("user.signed_up", "user.signup"), "{\"noRule\": true}"),
                "scenarios[0].given.event.type: \"user.signup\" is not an event type");
        assertMalformed(scenario(PARTNER, "{\"rules\": [{\"rule\": \"x\", \"actions\": [{\"type\": \"add_tag\"}]}]}"),
                "scenarios[0].expect.rules[0].actions[0].type: \"add_tag\" is not an action");
        assertMalformed(scenario(PARTNER, "{\"noRule\": true, \"rules\": [{\"rule\": \"x\"}]}"), "contradict");
        assertMalformed(scenario(PARTNER, "{\"decisions\": [{\"model\": \"m\", \"decision\": \"d\"}]}"),
                "scenarios[0].expect.decisions[0].equals: missing");
        assertMalformed(scenario(PARTNER.replace("\"tags\": [\"vip\"]", "\"tags\": \"vip\""), "{\"noRule\": true}"),
                "scenarios[0].given.user.tags: must be a list of strings");
        assertMalformed("{\"scenarios\": [{\"schoolId\": \"s1\", \"given\": " + PARTNER + ", \"expect\": {\"noRule\": true}}]}",
                "scenarios[0].name: missing");
    }

    private static void assertMalformed(String json, String... fragments) {
        assertThatThrownBy(() -> ScenarioFile.parse("tests/x.json", json)).isInstanceOf(ScenarioFile.Malformed.class)
                .hasMessageStartingWith("tests/x.json is not a valid scenario file").hasMessageContainingAll(fragments);
    }
}
