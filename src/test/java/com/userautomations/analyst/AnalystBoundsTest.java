package com.userautomations.analyst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import com.userautomations.support.Api;
import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The analysts' rules are bounded per event (AUTOMATIONS_ANALYST_*): through REST on
 * PostgreSQL, with a bound of 1 s and a rules folder of this test's own.
 */
@QuarkusTest
@TestProfile(AnalystBoundsTest.SmallBounds.class)
class AnalystBoundsTest {
    public static class SmallBounds implements QuarkusTestProfile {
        static final Path DIR = create();

        private static Path create() {
            try {
                return Files.createTempDirectory("rules-bounds-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("automations.rules-dir", DIR.toString(),
                    "automations.analyst.max-time", "PT1S",
                    "automations.analyst.max-firings", "100");
        }
    }

    private static final String RULES = "/api/v1/rules/";

    private static String blocking(String rule, String when) {
        return """
                package rules.bounds;

                import com.userautomations.engine.EventFact;

                rule "%s"
                when
                    $e : EventFact(%s)
                then
                    Thread.sleep(60000);
                end
                """.formatted(rule, when);
    }

    @Test
    void anUploadThatRunsOverTheBoundOnATrialEventIsRefusedAndChangesNothing() {
        School s = School.create("bounds-up");
        String path = "schools/" + s.id() + "/slow.drl";
        long start = System.nanoTime();
        Api.operator().contentType("text/plain")
                .body(blocking("Sleeps on sign-ups", "type == \"user.signed_up\"").getBytes(StandardCharsets.UTF_8))
                .put(RULES + path).then()
                .statusCode(422).contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].file", equalTo(path))
                .body("errors[0].message", containsString("the analysts' rule \"Sleeps on sign-ups\" in " + path
                        + " ran over the time limit of 1 s"))
                .body("detail", containsString("Sleeps on sign-ups"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));

        assertThat(SmallBounds.DIR.resolve(path)).doesNotExist();
        Api.operator().get(RULES + path).then().statusCode(404);
        Api.operator().get("/api/v1/rules").then().statusCode(200).body("items.path", not(hasItem(path)));
        s.event("""
                {"id": "up-1", "type": "user.signed_up", "userId": "una", "user": {"email": "una@example.com"}}""")
                .body("runs", empty());
    }

    @Test
    void aRuleThatBlocksOnSomeEventsIsStoppedTheEventRolledBackLoggedAndReported() throws IOException {
        School s = School.create("bounds-live").course("vip-course", false);
        String path = "schools/" + s.id() + "/vip.drl";
        String rule = "Sleeps on vip of " + s.id();
        // passes the trial events (their tags are not "vip"), so the reload makes it live
        Files.createDirectories(SmallBounds.DIR.resolve(path).getParent());
        Files.writeString(SmallBounds.DIR.resolve(path), blocking(rule, "type == \"tags.added\", tagsAdded contains \"vip\""));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> Api.operator().get("/api/v1/rules").then()
                .body("items.path", hasItem(path)));
        // the event's own effects: an enrollment, and the tag the automation adds, whose tags.added hits the rule
        s.automation("""
                {"name": "VIP", "triggers": [{"type": "user.enrolled"}], "actions": [{"type": "add_tags", "tags": ["vip"]}]}""");
        s.event("""
                {"id": "live-1", "type": "user.signed_up", "userId": "vic", "user": {"email": "vic@example.com"}}""");

        List<String> logged = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                logged.add(String.valueOf(r.getMessage()) + " " + List.of(r.getParameters() == null
                        ? new Object[0] : r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(RuleLimits.class.getName());
        logger.addHandler(handler);
        try {
            long start = System.nanoTime();
            s.post("""
                    {"id": "live-2", "type": "user.enrolled", "userId": "vic", "courseId": "vip-course"}""")
                    .statusCode(500).contentType("application/problem+json")
                    .body("detail", equalTo("the analysts' rule \"" + rule + "\" in " + path + " ran over the time limit"
                            + " of 1 s for one event and was stopped; the event was not stored and changed nothing"));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(4));
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(logged).anySatisfy(line -> assertThat(line).contains(rule).contains(path));

        // rolled back: no enrollment, no tag, no run; the event was not stored, so it may be sent again
        s.getUser("vic").body("tags", empty()).body("enrollments", empty());
        s.get("/runs?eventId=live-2").statusCode(200).body("items", empty());

        // degraded: /q/health (and /q/health/well) say DOWN and name the rule; readiness stays UP,
        // so the process keeps serving the events that do not reach that rule
        RestAssured.given().get("/q/health/ready").then().statusCode(200);
        RestAssured.given().get("/q/health/well").then().statusCode(503);
        JsonPath health = RestAssured.given().get("/q/health").then().statusCode(503).extract().jsonPath();
        assertThat(health.getString("checks.find { it.name == 'analysts-rules' }.status")).isEqualTo("DOWN");
        assertThat(health.getString("checks.find { it.name == 'analysts-rules' }.data.rule")).isEqualTo(rule);
        assertThat(health.getString("checks.find { it.name == 'analysts-rules' }.data.file")).isEqualTo(path);

        // in a batch: the event is refused in its result, the others of its chunk are applied
        JsonPath batch = s.key.req().body("""
                {"events": [
                  {"id": "b-1", "type": "user.signed_up", "userId": "wes", "user": {"email": "wes@example.com"}},
                  {"id": "b-2", "type": "user.enrolled", "userId": "vic", "courseId": "vip-course"},
                  {"id": "b-3", "type": "tags.added", "userId": "wes", "tags": ["regular"]}]}""")
                .post(s.key.path("/events:batch")).then().statusCode(200).extract().jsonPath();
        assertThat(batch.getString("results[0].eventId")).isEqualTo("b-1");
        assertThat(batch.getInt("results[1].status")).isEqualTo(500);
        assertThat(batch.getString("results[1].detail")).contains(rule).contains(path);
        assertThat(batch.getString("results[2].eventId")).isEqualTo("b-3");
        s.getUser("wes").body("tags", equalTo(List.of("regular")));
        s.getUser("vic").body("tags", empty()).body("enrollments", empty());

        // other events still work
        s.event("""
                {"id": "live-3", "type": "tags.added", "userId": "vic", "tags": ["regular"]}""").body("runs", empty());
        s.getUser("vic").body("tags", equalTo(List.of("regular")));
    }
}
