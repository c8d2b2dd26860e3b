package com.userautomations.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.userautomations.automation.Action;
import com.userautomations.automation.ActionType;
import com.userautomations.automation.EmailRecipient;
import com.userautomations.engine.AnalystRuleSet;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.Match;
import com.userautomations.engine.SchoolSnapshot;
import com.userautomations.engine.TestFacts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiling the analysts' files: what they record, where they apply, and how a broken file is reported. */
class AnalystCompilerTest {
    private static final String HEADER = "package rules;\nimport com.userautomations.engine.EventFact;\n";

    static RuleFile file(String path, String text) {
        return new RuleFile(path, text.getBytes(StandardCharsets.UTF_8));
    }

    static AnalystRuleSet compile(RuleFile... files) {
        return AnalystCompiler.compile(List.of(files), 2).rules();
    }

    static List<RuleFileError> refused(RuleFile... files) {
        try {
            AnalystCompiler.compile(List.of(files), 2);
        } catch (RuleFilesRefused e) {
            return e.errors();
        }
        throw new AssertionError("the files compiled");
    }

    static EventFact signUp(String school, String email) {
        return TestFacts.event("user.signed_up", TestFacts.user().email(email).build()).schoolId(school)
                .school(new SchoolSnapshot(school, "School " + school)).build();
    }

    static String rule(String name, String when, String then) {
        return "rule \"" + name + "\"\nwhen\n    " + when + "\nthen\n    " + then + "\nend\n";
    }

    // ---- the actions API ----

    @Test
    void aRuleRecordsActionsThroughTheFact() {
        AnalystRuleSet rules = compile(file("b2b.drl", HEADER + rule("B2B",
                "$e : EventFact(type == \"user.signed_up\", user.emailDomain == \"globex.example\")",
                "$e.addTags(\"b2b\", \"org:\" + $e.getUser().emailDomain()); $e.enroll(\"onboarding\");\n"
                        + "    $e.sendEmail(\"user\", \"Hi {user.firstName}\", \"Welcome\"); $e.sendEmail(\"ops@x.test\", \"S\", \"B\");\n"
                        + "    $e.removeTags(\"lead\"); $e.unenroll(\"old\"); $e.completeCourses(\"intro\");\n"
                        + "    $e.addToSpace(\"club\"); $e.removeFromSpace(\"lobby\"); $e.addEmailDomainTag(\"domain:\");")));

        List<Match> matches = rules.evaluate("s1", signUp("s1", "ann@globex.example"));

        assertThat(matches).containsExactly(new Match("rule:B2B", 0, List.of(
                Action.tags(ActionType.ADD_TAGS, List.of("b2b", "org:globex.example")),
                Action.courses(ActionType.ENROLL, List.of("onboarding")),
                Action.sendEmail(EmailRecipient.USER, null, "Hi {user.firstName}", "Welcome"),
                Action.sendEmail(EmailRecipient.ADDRESS, "ops@x.test", "S", "B"),
                Action.tags(ActionType.REMOVE_TAGS, List.of("lead")),
                Action.courses(ActionType.UNENROLL, List.of("old")),
                Action.courses(ActionType.COMPLETE_COURSES, List.of("intro")),
                Action.spaces(ActionType.ADD_TO_SPACE, List.of("club")),
                Action.spaces(ActionType.REMOVE_FROM_SPACE, List.of("lobby")),
                Action.emailDomainTag("domain:"))));
        assertThat(rules.evaluate("s1", signUp("s1", "bob@other.example"))).isEmpty();
    }

    @Test
    void aRuleThatFiresWithoutActionsIsStillAMatch() {
        AnalystRuleSet rules = compile(file("a.drl", HEADER + rule("Seen", "EventFact(school.name == \"School s1\")", "")));
        assertThat(rules.evaluate("s1", signUp("s1", "a@b.example"))).containsExactly(new Match("rule:Seen", 0, List.of()));
        assertThat(rules.evaluate("s2", signUp("s2", "a@b.example"))).isEmpty();
    }

    @Test
    void theFactModelExamplesOfTheReadmeMatch() {
        String[] constraints = {
                "type == \"user.enrolled\", courseId == \"pro\"",
                "fields[\"plan\"] == \"annual\"",
                "schoolId == \"s1\"",
                "user.email != \"\"",
                "user.emailDomain in (\"globex.example\", \"initech.example\")",
                "user.role == \"learner\", user.source == \"facebook-ads\"",
                "user.registeredAt > java.time.Instant.parse(\"2026-06-01T00:00:00Z\")",
                "user.tags contains \"vip\", user.tags not contains \"alumni\"",
                "user.completedCourseIds contains \"basics\"",
                "user.courseIds contains \"pro\"",
                "user.spaceIds contains \"club\"",
                "user.fields[\"company\"] == \"Globex\"",
                "school.name == \"Demo Academy\"",
        };
        StringBuilder drl = new StringBuilder(HEADER);
        for (int i = 0; i < constraints.length; i++) {
            drl.append(rule("c" + i, "$e : EventFact(" + constraints[i] + ")", ""));
        }
        drl.append(rule("tags", "$e : EventFact(type == \"tags.added\", tagsAdded contains \"vip\")", ""));
        AnalystRuleSet rules = compile(file("readme.drl", drl.toString()));
        EventFact enrolled = TestFacts.event("user.enrolled", TestFacts.user().email("ann@globex.example")
                        .source("facebook-ads").registeredAt("2026-07-01T00:00:00Z").tags("vip").courses("pro")
                        .completed("basics").spaces("club").field("company", "Globex").build())
                .schoolId("s1").school(new SchoolSnapshot("s1", "Demo Academy")).courseId("pro")
                .fields(java.util.Map.of("plan", "annual")).build();

        assertThat(rules.evaluate("s1", enrolled)).extracting(Match::automationId).hasSize(constraints.length)
                .doesNotContain("rule:tags");
        assertThat(rules.evaluate("s1", TestFacts.event("tags.added", TestFacts.user().email("").build())
                .tagsAdded(java.util.Set.of("vip")).build())).extracting(Match::automationId).containsExactly("rule:tags");
    }

    @Test
    void rulesFireInTheirOrderAndEachOnce() {
        AnalystRuleSet rules = compile(file("order.drl", HEADER
                + "rule \"Second\" salience 1\nwhen\n    $e : EventFact()\nthen\n    $e.addTags(\"2\");\nend\n"
                + "rule \"First\" salience 10\nwhen\n    $e : EventFact()\nthen\n    $e.addTags(\"1\");\nend\n"
                + "rule \"Per tag\"\nwhen\n    $e : EventFact()\n    $t : String() from $e.user.tags\nthen\n    $e.addTags(\"seen-\" + $t);\nend\n"));
        EventFact fact = TestFacts.event("tags.added", TestFacts.user().tags("a", "b").build()).schoolId("s1").build();

        List<Match> matches = rules.evaluate("s1", fact);

        assertThat(matches).extracting(Match::automationId).containsExactly("rule:First", "rule:Second", "rule:Per tag");
        assertThat(matches.get(2).actions()).extracting(a -> a.tags().get(0)).containsExactlyInAnyOrder("seen-a", "seen-b");
    }

    @Test
    void sessionsAreReusedWithoutCarryingFactsOver() {
        AnalystRuleSet rules = compile(file("insert.drl", HEADER
                + rule("Remember", "$e : EventFact(type == \"user.signed_up\")", "insert(\"seen\");")
                + rule("Seen before", "$e : EventFact()\n    String(this == \"seen\")", "$e.addTags(\"again\");")));
        for (int i = 0; i < 5; i++) {
            assertThat(rules.evaluate("s1", signUp("s1", "a@b.example"))).extracting(Match::automationId)
                    .containsExactly("rule:Remember", "rule:Seen before");
            assertThat(rules.evaluate("s1", TestFacts.event("tags.added", TestFacts.user().build()).schoolId("s1").build()))
                    .isEmpty();
        }
    }

    @Test
    void aLoopingRuleFailsTheEvaluationInsteadOfHanging() {
        AnalystRuleSet rules = compile(file("loop.drl", HEADER + rule("Loop", "$e : EventFact()", "insert(new Object());")
                + rule("Again", "$e : EventFact()\n    Object()", "insert(new Object());")));
        assertThatThrownBy(() -> rules.evaluate("s1", signUp("s1", "a@b.example")))
                .hasMessageContaining("in loop.drl fired 1001 times for one event, over the limit of 1000 firings");
    }

    @Test
    void actionsOutsideARuleAreRefused() {
        assertThatThrownBy(() -> signUp("s1", "a@b.example").addTags("x"))
                .isInstanceOf(IllegalStateException.class);
    }

    // ---- scope ----

    @Test
    void globalRulesApplyToEverySchoolAndSchoolFoldersToTheirSchool() {
        AnalystRuleSet rules = compile(
                file("all.drl", HEADER + rule("Everyone", "$e : EventFact()", "$e.addTags(\"all\");")),
                file("schools/s1/own.drl", HEADER + rule("Only s1", "$e : EventFact()", "$e.addTags(\"s1\");")));

        assertThat(rules.evaluate("s1", signUp("s1", "a@b.example"))).extracting(Match::automationId)
                .containsExactly("rule:Everyone", "rule:Only s1");
        assertThat(rules.evaluate("s2", signUp("s2", "a@b.example"))).extracting(Match::automationId)
                .containsExactly("rule:Everyone");
    }

    @Test
    void theShippedExamplesCompileAndDoWhatTheySay() {
        AnalystCompiler.Compiled compiled = AnalystCompiler.compile(RuleFiles.read(Path.of("rules-dmn")), 2);
        assertThat(compiled.files()).extracting(AnalystCompiler.CompiledFile::path)
                .contains("schools/demo-academy/b2b-signups.drl", "schools/demo-academy/organisations-by-domain.csv");

        List<Match> matches = compiled.rules().evaluate("demo-academy", signUp("demo-academy", "Ann@Globex.Example"));

        assertThat(matches).extracting(Match::automationId)
                .containsExactlyInAnyOrder("rule:B2B sign-up by email domain", "rule:Organisation by email domain_10");
        assertThat(matches).filteredOn(m -> m.automationId().startsWith("rule:Organisation")).singleElement()
                .extracting(Match::actions).asList().containsExactly(Action.tags(ActionType.ADD_TAGS, List.of("org:globex")),
                Action.courses(ActionType.ENROLL, List.of("globex-onboarding")));
        assertThat(compiled.rules().evaluate("other-school", signUp("other-school", "ann@globex.example"))).isEmpty();
    }

    // ---- folder ----

    @Test
    void theFolderSkipsTestsHiddenAndOtherFiles(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("tests"));
        Files.createDirectories(dir.resolve("schools/s1"));
        Files.createDirectories(dir.resolve(".git"));
        Files.writeString(dir.resolve("tests/t.drl"), "not read");
        Files.writeString(dir.resolve(".git/x.drl"), "not read");
        Files.writeString(dir.resolve("README.md"), "not read");
        Files.writeString(dir.resolve("a.drl"), HEADER);
        Files.writeString(dir.resolve("schools/s1/b.CSV"), "x");

        assertThat(RuleFiles.read(dir)).extracting(RuleFile::path).containsExactly("a.drl", "schools/s1/b.CSV");
        assertThat(RuleFiles.read(dir.resolve("missing"))).isEmpty();
    }

    // ---- broken files: file, line, column and a message an analyst can act on ----

    @Test
    void aDrlSyntaxErrorNamesFileLineAndColumn() {
        assertThat(refused(file("b2b.drl", HEADER + rule("B2B",
                "$e : EventFact(type == \"user.signed_up\" user.emailDomain == \"x\")", ""))))
                .containsExactly(new RuleFileError("b2b.drl", 5, 45,
                        "unexpected 'user' in rule \"B2B\" (is a comma, bracket or quote missing before it?)"));
    }

    @Test
    void anUnknownPropertyIsNamed() {
        assertThat(refused(file("b2b.drl", HEADER + rule("B2B", "$e : EventFact(typo == \"x\")", ""))))
                .singleElement().satisfies(e -> {
                    assertThat(e.file()).isEqualTo("b2b.drl");
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.message()).startsWith("EventFact has no property 'typo'");
                });
    }

    @Test
    void aConsequenceErrorPointsAtTheCall() {
        assertThat(refused(file("b2b.drl", HEADER + rule("B2B", "$e : EventFact()", "$e.addTags(\"a\");\n    $e.addTagz(\"x\");"))))
                .containsExactly(new RuleFileError("b2b.drl", 8, 8,
                        "in the consequence (then): The method addTagz(String) is undefined for the type EventFact"));
    }

    @Test
    void aRuleMustMatchTheEvent() {
        assertThat(refused(file("a.drl", HEADER + rule("Always", "eval(true)", ""))))
                .singleElement().satisfies(e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.message()).contains("needs a pattern on EventFact");
                });
    }

    @Test
    void ruleNamesAreUniqueAcrossScopesAndFitARunId() {
        String longName = "x".repeat(AnalystCompiler.MAX_RULE_NAME + 1);
        assertThat(refused(
                file("a.drl", HEADER + rule("Same", "$e : EventFact()", "")),
                file("schools/s1/b.drl", HEADER + rule("Same", "$e : EventFact()", "") + rule(longName, "$e : EventFact()", ""))))
                .extracting(RuleFileError::toString).containsExactly(
                        "schools/s1/b.drl:3: the global file a.drl already has a rule named \"Same\"; a run names its rule, "
                                + "so rule names must be unique",
                        "schools/s1/b.drl:9: the rule name is over 123 characters (it names the rule's runs)");
    }

    @Test
    void everyBrokenFileIsReportedAtOnce() {
        assertThat(refused(
                file("a.drl", HEADER + rule("A", "$e : EventFact(", "")),
                file("schools/bad id/b.drl", HEADER),
                file("schools/c.drl", HEADER)))
                .extracting(RuleFileError::file).containsExactly("a.drl", "schools/bad id/b.drl", "schools/c.drl");
    }

    @Test
    void aBrokenDecisionTableNamesItsRow() {
        String table = String.join("\n",
                "RuleSet,rules.tables",
                "Import,com.userautomations.engine.EventFact",
                "",
                "RuleTable Domains",
                "CONDITION,ACTION",
                "$e : EventFact,",
                "\"user.emailDomain == \"\"$param\"\"\",\"$e.addTags(\"\"$param\"\");\"",
                "Domain,Tag",
                "globex.example,org:globex",
                "initech.example,org:initech",
                "");
        assertThat(compile(file("t.csv", table)).evaluate("s1", signUp("s1", "a@initech.example")))
                .containsExactly(new Match("rule:Domains_10", 0, List.of(Action.tags(ActionType.ADD_TAGS, List.of("org:initech")))));

        assertThat(refused(file("t.csv", table.replace("initech.example,", "initech.example\\,")))).isNotEmpty()
                .allSatisfy(e -> {
                    assertThat(e.file()).isEqualTo("t.csv");
                    assertThat(e.line()).isEqualTo(10);
                    assertThat(e.message()).startsWith("in the row 10 of the table: ");
                });
        assertThat(refused(file("t.csv", table.replace("$e.addTags", "$e.addTagz")))).extracting(RuleFileError::line)
                .containsExactly(9, 10);
        assertThat(refused(file("t.csv", table.replace("RuleTable", "Rule Table"))))
                .containsExactly(new RuleFileError("t.csv", 0, 0, "the decision table cannot be read: No RuleTable cells in spreadsheet."));
    }

    @Test
    void aBrokenDmnModelIsRefusedWithItsLine() {
        assertThat(refused(file("m.dmn", "<?xml version=\"1.0\"?>\n<definitions>\n<oops</definitions>")))
                .singleElement().satisfies(e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.message()).startsWith("not well-formed XML");
                });
        assertThat(refused(file("m.dmn", "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n"
                + "<definitions>&e;</definitions>"))).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("DOCTYPE"));
        assertThat(refused(file("m.dmn", dmn("<decision id=\"d1\" name=\"Segment\"><literalExpression><text>\"paid\""
                + "</text></literalExpression></decision>")))).singleElement().satisfies(e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.message()).contains("Segment").contains("variable");
                });
    }

    @Test
    void aValidDmnModelIsLoaded() {
        AnalystCompiler.Compiled c = AnalystCompiler.compile(List.of(file("schools/s1/segment.dmn", dmn(
                "<decision id=\"d1\" name=\"Segment\"><variable name=\"Segment\" typeRef=\"string\"/>"
                        + "<literalExpression><text>\"paid\"</text></literalExpression></decision>"))), 2);
        assertThat(c.files()).containsExactly(new AnalystCompiler.CompiledFile("schools/s1/segment.dmn", "s1",
                RuleFile.Kind.DMN, List.of("Segments")));
        assertThat(c.rules().isEmpty()).isTrue();
    }

    private static String dmn(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" "
                + "id=\"segments\" name=\"Segments\" namespace=\"https://userautomations/segments\">\n" + body + "\n</definitions>\n";
    }
}
