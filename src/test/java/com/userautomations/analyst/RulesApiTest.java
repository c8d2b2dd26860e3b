package com.userautomations.analyst;

import com.userautomations.support.Api;
import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

/**
 * The analysts' folder over REST and its live reload, on a temporary folder (the repository's
 * rules-dmn/ is never written). Each test uses a school of its own, so their rules do not meet.
 */
@QuarkusTest
@TestProfile(TempRulesFolder.class)
class RulesApiTest {
    private static final String RULES = "/api/v1/rules/";
    private static final AtomicInteger EVENTS = new AtomicInteger();

    @Inject
    LiveAnalystRules folder;

    static String drl(String rule, String domain, String tag) {
        return """
                package rules.rest;

                import com.userautomations.engine.EventFact;

                rule "%s"
                when
                    $e : EventFact(type == "user.signed_up", user.emailDomain == "%s")
                then
                    $e.addTags("%s");
                end
                """.formatted(rule, domain, tag);
    }

    static ValidatableResponse put(String path, String content) {
        return Api.operator().contentType("text/plain").body(content.getBytes(StandardCharsets.UTF_8))
                .put(RULES + path).then();
    }

    /** A sign-up in the school; answers the run ids. */
    static List<String> signUp(School s, String email) {
        int n = EVENTS.incrementAndGet();
        return s.event("""
                {"id": "e-%d", "type": "user.signed_up", "userId": "u-%d", "user": {"email": "%s"}}"""
                .formatted(n, n, email)).extract().path("runs.automationId");
    }

    static String sha256(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    static void problem(ValidatableResponse r, int status) {
        r.statusCode(status).contentType("application/problem+json").body("status", equalTo(status));
    }

    @Test
    void anUploadedRuleFiresForItsSchoolAndIsListedReadAndReplaced() throws Exception {
        School s = School.create("up");
        String path = "schools/" + s.id() + "/partners.drl";
        String v1 = drl("Partners of " + s.id(), "globex.example", "partner");

        put(path, v1).statusCode(201).contentType("application/json")
                .body("path", equalTo(path)).body("schoolId", equalTo(s.id())).body("kind", equalTo("drl"))
                .body("names", contains("Partners of " + s.id()))
                .body("size", equalTo(v1.getBytes(StandardCharsets.UTF_8).length)).body("sha256", equalTo(sha256(v1)));
        assertThat(Files.readString(TempRulesFolder.DIR.resolve(path))).isEqualTo(v1);

        assertThat(signUp(s, "ann@globex.example")).containsExactly("rule:Partners of " + s.id());
        assertThat(signUp(s, "bob@other.example")).isEmpty();
        assertThat(signUp(School.create("up-other"), "cid@globex.example")).isEmpty();

        Api.operator().get("/api/v1/rules").then().statusCode(200)
                .body("items.path", hasItem(path))
                .body("items.find { it.path == '" + path + "' }.sha256", equalTo(sha256(v1)));
        String read = Api.operator().get(RULES + path).then().statusCode(200).contentType(startsWith("text/plain"))
                .extract().asString();
        assertThat(read).isEqualTo(v1);

        String v2 = drl("Partners of " + s.id(), "initech.example", "partner");
        put(path, v2).statusCode(200).body("sha256", equalTo(sha256(v2)));
        assertThat(signUp(s, "dan@globex.example")).isEmpty();
        assertThat(signUp(s, "eve@initech.example")).containsExactly("rule:Partners of " + s.id());
        s.getUser("u-" + EVENTS.get()).body("tags", contains("partner"));
    }

    @Test
    void aGlobalDecisionTableAppliesToEverySchool() {
        String tag = "org:" + UUID.randomUUID().toString().substring(0, 8);
        String table = String.join("\n",
                "RuleSet,rules.rest.tables",
                "Import,com.userautomations.engine.EventFact",
                "",
                "RuleTable Global hooli table",
                "CONDITION,ACTION",
                "$e : EventFact,",
                "\"type == \"\"user.signed_up\"\", user.emailDomain == \"\"$param\"\"\",\"$e.addTags(\"\"$param\"\");\"",
                "Email domain,Tag",
                "hooli.example," + tag,
                "");
        put("global-hooli.csv", table).statusCode(201).body("schoolId", nullValue()).body("kind", equalTo("csv"))
                .body("names", contains("Global hooli table_9"));
        try {
            School a = School.create("glob-a");
            assertThat(signUp(a, "gil@hooli.example")).containsExactly("rule:Global hooli table_9");
            a.getUser("u-" + EVENTS.get()).body("tags", contains(tag));
            assertThat(signUp(School.create("glob-b"), "hal@hooli.example")).containsExactly("rule:Global hooli table_9");
        } finally {
            Api.operator().delete(RULES + "global-hooli.csv").then().statusCode(204);
        }
    }

    @Test
    void brokenUploadsAreRefusedWithFileLineAndColumnAndTheLiveRulesKeepRunning() {
        School s = School.create("broken");
        String good = "schools/" + s.id() + "/good.drl";
        String rule = "Good rule of " + s.id();
        put(good, drl(rule, "globex.example", "good")).statusCode(201);

        // a syntax error in a new file
        String badDrl = "schools/" + s.id() + "/bad.drl";
        ValidatableResponse r = put(badDrl, drl("Bad", "x.example", "t").replace("\"user.signed_up\",", "\"user.signed_up\""));
        problem(r, 422);
        r.body("errors", hasSize(1)).body("errors[0].file", equalTo(badDrl))
                .body("errors[0].line", equalTo(7)).body("errors[0].column", greaterThan(0))
                .body("errors[0].message", startsWith("unexpected 'user'"));
        assertThat(TempRulesFolder.DIR.resolve(badDrl)).doesNotExist();
        Api.operator().get(RULES + badDrl).then().statusCode(404);

        // a decision table whose action calls what the actions API does not have: its row
        String badCsv = "schools/" + s.id() + "/bad.csv";
        r = put(badCsv, String.join("\n", "RuleSet,rules.rest.bad", "Import,com.userautomations.engine.EventFact", "",
                "RuleTable Bad table", "CONDITION,ACTION", "$e : EventFact,",
                "\"user.emailDomain == \"\"$param\"\"\",\"$e.enrol(\"\"$param\"\");\"", "Domain,Course",
                "a.example,c1", ""));
        problem(r, 422);
        r.body("errors.file", everyItem(equalTo(badCsv))).body("errors.line", hasItem(9))
                .body("errors.message", hasItem(startsWith("in the row 9 of the table: in the consequence (then)")))
                .body("errors.message", everyItem(not(startsWith("java"))));

        // a DMN model that is not even XML
        String badDmn = "schools/" + s.id() + "/bad.dmn";
        r = put(badDmn, "<?xml version=\"1.0\"?>\n<definitions>\n<oops</definitions>");
        problem(r, 422);
        r.body("errors[0].file", equalTo(badDmn)).body("errors[0].line", equalTo(3))
                .body("errors[0].message", startsWith("not well-formed XML"));

        // replacing the good file with a broken one keeps the good one
        problem(put(good, "rule \"broken"), 422);
        // a second file whose rule takes the good rule's name
        String clash = "schools/" + s.id() + "/clash.drl";
        r = put(clash, drl(rule, "initech.example", "clash"));
        problem(r, 422);
        r.body("errors.message", hasItem(startsWith("two rules are named \"" + rule + "\"")))
                .body("errors.file", hasItem(oneOf(clash, good)));

        assertThat(signUp(s, "ann@globex.example")).containsExactly("rule:" + rule);
        assertThat(Api.operator().get(RULES + good).then().statusCode(200).extract().asString())
                .isEqualTo(drl(rule, "globex.example", "good"));
        Api.operator().get("/api/v1/rules").then().body("items.path", not(hasItem(badDrl)))
                .body("items.path", not(hasItem(badCsv))).body("items.path", not(hasItem(badDmn)));
    }

    @Test
    void twoUploadsThatClashCannotBothGoLive() throws Exception {
        School s = School.create("race");
        String rule = "Raced " + s.id();
        // each is valid alone; together they name one rule twice, so the second to compile must see the first
        Callable<Integer> first = () -> put("schools/" + s.id() + "/first.drl", drl(rule, "globex.example", "a"))
                .extract().statusCode();
        Callable<Integer> second = () -> put("schools/" + s.id() + "/second.drl", drl(rule, "initech.example", "b"))
                .extract().statusCode();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> answers = pool.invokeAll(List.of(first, second));
            assertThat(List.of(answers.get(0).get(), answers.get(1).get())).containsExactlyInAnyOrder(201, 422);
        } finally {
            pool.shutdownNow();
        }
        try (var files = Files.list(TempRulesFolder.DIR.resolve("schools/" + s.id()))) {
            assertThat(files.filter(p -> p.toString().endsWith(".drl"))).hasSize(1);
        }
    }

    @Test
    void aDeletedFileStopsFiring() {
        School s = School.create("del");
        String path = "schools/" + s.id() + "/gone.drl";
        put(path, drl("Soon gone " + s.id(), "globex.example", "gone")).statusCode(201);
        assertThat(signUp(s, "a@globex.example")).containsExactly("rule:Soon gone " + s.id());

        Api.operator().delete(RULES + path).then().statusCode(204);
        assertThat(TempRulesFolder.DIR.resolve(path)).doesNotExist();
        assertThat(signUp(s, "b@globex.example")).isEmpty();
        problem(Api.operator().delete(RULES + path).then(), 404);
        problem(Api.operator().get(RULES + path).then(), 404);
        Api.operator().get("/api/v1/rules").then().body("items.path", not(hasItem(path)));
    }

    @Test
    void pathsOutsideTheClosedShapeAreRefused() {
        for (String path : List.of(".hidden.drl", "x.exe", "tests/x.drl", "schools/x.drl", "schools/a/b/c.drl",
                "a/.git/x.drl", "sp ace.drl", "x.drl.txt", "a".repeat(300) + ".drl")) {
            ValidatableResponse r = put(path, drl("P", "a.example", "t"));
            r.statusCode(422).contentType("application/problem+json").body("errors[0].field", equalTo("path"));
        }
        // dot segments, encoded or not, never reach the file system
        for (String path : List.of("../x.drl", "%2E%2E/x.drl", "a/%2E%2E/%2E%2E/x.drl", "..%2Fx.drl")) {
            int status = RestAssured.given().urlEncodingEnabled(false).header("Authorization", "Bearer " + Api.OPERATOR)
                    .contentType("text/plain").body("x").put(RULES + path).then()
                    .contentType("application/problem+json").extract().statusCode();
            assertThat(status).as(path).isIn(400, 404, 422);
        }
        assertThat(TempRulesFolder.DIR.getParent().resolve("x.drl")).doesNotExist();
        problem(Api.operator().get(RULES + "x.exe").then(), 422);
        problem(Api.operator().delete(RULES + "tests/x.drl").then(), 422);
    }

    @Test
    void onlyTheOperatorManagesRules() {
        School s = School.create("auth");
        problem(RestAssured.given().get("/api/v1/rules").then(), 401);
        problem(RestAssured.given().body("x").put(RULES + "x.drl").then(), 401);
        problem(Api.as(s.key.key()).get("/api/v1/rules").then(), 401);
        problem(Api.as(s.key.key()).contentType("text/plain").body(drl("K", "a.example", "t"))
                .put(RULES + "schools/" + s.id() + "/k.drl").then(), 401);
        problem(Api.as(s.key.key()).delete(RULES + "schools/" + s.id() + "/k.drl").then(), 401);
        assertThat(TempRulesFolder.DIR.resolve("schools/" + s.id())).doesNotExist();
    }

    @Test
    void aFileChangedOnDiskIsReloadedAndABrokenFolderKeepsThePreviousRules() throws Exception {
        School s = School.create("disk");
        Path file = TempRulesFolder.DIR.resolve("schools/" + s.id() + "/disk.drl");
        Files.createDirectories(file.getParent());
        Files.writeString(file, drl("From disk " + s.id(), "globex.example", "disk"));
        // the scheduled reload (every second in tests) picks it up
        await().atMost(Duration.ofSeconds(20)).until(() -> !signUp(s, "a@globex.example").isEmpty());

        Path broken = file.resolveSibling("broken.drl");
        try {
            Files.writeString(broken, "rule \"broken");
            assertThat(folder.reload()).isEqualTo(LiveAnalystRules.Reload.REFUSED);
            assertThat(signUp(s, "b@globex.example")).containsExactly("rule:From disk " + s.id());
            // while the folder on disk is broken, uploads are refused too, naming the broken file
            put("schools/" + s.id() + "/other.drl", drl("Other " + s.id(), "initech.example", "o"))
                    .statusCode(422).body("errors[0].file", equalTo("schools/" + s.id() + "/broken.drl"));
        } finally {
            Files.deleteIfExists(broken);
        }
        assertThat(folder.reload()).isIn(LiveAnalystRules.Reload.UNCHANGED, LiveAnalystRules.Reload.RELOADED);

        Files.writeString(file, drl("From disk " + s.id(), "initech.example", "disk"));
        assertThat(folder.reload()).isIn(LiveAnalystRules.Reload.RELOADED, LiveAnalystRules.Reload.UNCHANGED);
        assertThat(signUp(s, "c@globex.example")).isEmpty();
        assertThat(signUp(s, "d@initech.example")).containsExactly("rule:From disk " + s.id());
        Files.delete(file);
        assertThat(folder.reload()).isIn(LiveAnalystRules.Reload.RELOADED, LiveAnalystRules.Reload.UNCHANGED);
        assertThat(signUp(s, "e@initech.example")).isEmpty();
    }
}
