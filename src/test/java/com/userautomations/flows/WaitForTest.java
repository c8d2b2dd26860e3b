package com.userautomations.flows;

import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * {@code wait_for} steps (API.md 1.1, "Flows"): a run waits for the user's next matching event
 * or a timeout, resumes in the event's transaction, exactly once, and records which came;
 * through REST on PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class WaitForTest {

    /** "Enrolled, but not started within 3 days": the visit to the course resumes the run. */
    private static final String STARTED_OR_REMINDED = """
            {"name": "Started or reminded", "triggers": [{"type": "user.enrolled", "courseIds": ["python"]}],
             "actions": [{"type": "wait_for", "event": {"type": "user.visited", "courseIds": ["python"]},
                          "timeout": "%s",
                          "then": [{"type": "add_tags", "tags": ["started"]}],
                          "else": [{"type": "send_email", "to": "user", "subject": "Your course is waiting",
                                    "body": "Python is one click away"}]},
                         {"type": "add_tags", "tags": ["followed-up"]}]}""";

    @Test
    void aWaitForResumesOnTheMatchingEventInThatEventsTransaction() {
        School s = School.create("wf").course("python", false).course("java", false)
                .user("u1", Map.of("email", "u1@wf.test"));
        String a = s.automation(STARTED_OR_REMINDED.formatted("P3D"));
        String runId = s.event("""
                {"id": "e1", "type": "user.enrolled", "userId": "u1", "courseId": "python"}""")
                .body("runs[0].status", equalTo("waiting")).extract().path("runs[0].runId");
        // while waiting: the wait_for and the step after it, pending; never a branch
        s.get("/runs?userId=u1").body("items[0].actions.step", contains("actions[0]", "actions[1]"))
                .body("items[0].actions.type", contains("wait_for", "add_tags"))
                .body("items[0].actions.status", contains("pending", "pending"))
                .body("items[0].actions[0].outcome", nullValue());

        // a visit to another course does not match the wait_for's filter
        s.event("""
                {"id": "v1", "type": "user.visited", "userId": "u1", "courseId": "java"}""")
                .body("runs", hasSize(0));
        s.event("""
                {"id": "v2", "type": "user.visited", "userId": "u1", "courseId": "python"}""")
                .body("runs", hasSize(1)).body("runs[0].runId", equalTo(runId))
                .body("runs[0].automationId", equalTo(a)).body("runs[0].resumed", equalTo(true))
                .body("runs[0].status", equalTo("completed"));

        JsonPath run = s.get("/runs?userId=u1").extract().jsonPath();
        assertThat(run.getList("items")).hasSize(1);
        assertThat(run.getString("items[0].status")).isEqualTo("completed");
        assertThat(run.getList("items[0].actions.step")).containsExactly("actions[0]", "actions[0].then[0]", "actions[1]");
        assertThat(run.getList("items[0].actions.status")).containsExactly("done", "done", "done");
        assertThat(run.getString("items[0].actions[0].outcome")).isEqualTo("event");
        assertThat(run.getString("items[0].actions[0].eventId")).isEqualTo("v2");
        assertThat(s.tags("u1")).containsExactlyInAnyOrder("started", "followed-up");
        // the run is resumed once: a later visit finds nothing waiting
        s.event("""
                {"id": "v3", "type": "user.visited", "userId": "u1", "courseId": "python"}""")
                .body("runs", hasSize(0));
        s.get("/emails").body("items", hasSize(0));
    }

    @Test
    void aWaitForThatTimesOutTakesItsElseBranch() {
        School s = School.create("wf").course("python", false).user("u1", Map.of("email", "late@wf.test"));
        String a = s.automation(STARTED_OR_REMINDED.formatted("PT2S"));
        s.event("""
                {"id": "e1", "type": "user.enrolled", "userId": "u1", "courseId": "python"}""")
                .body("runs[0].status", equalTo("waiting"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/runs?automationId=" + a)
                .body("items[0].status", equalTo("completed")));
        s.get("/runs?automationId=" + a)
                .body("items[0].actions.step", contains("actions[0]", "actions[0].else[0]", "actions[1]"))
                .body("items[0].actions[0].outcome", equalTo("timeout"))
                .body("items[0].actions[0].eventId", nullValue());
        await().atMost(Duration.ofSeconds(15)).until(() -> GreenMailResource.receivedBy("late@wf.test").size() == 1);
        assertThat(s.tags("u1")).containsExactly("followed-up");
        // the visit after the timeout resumes nothing
        s.event("""
                {"id": "v1", "type": "user.visited", "userId": "u1", "courseId": "python"}""")
                .body("runs", hasSize(0));
    }

    /**
     * The event and the timeout at the same moment: for every user exactly one of the two wins,
     * the run says which, and exactly that branch's effect happened, once.
     */
    @Test
    void onATieExactlyOneOfTheEventAndTheTimeoutWins() throws Exception {
        int users = 24;
        School s = School.create("wf").course("python", false);
        for (int i = 0; i < users; i++) {
            s.user("t" + i, Map.of("email", "t" + i + "@wf.test"));
        }
        String a = s.automation("""
                {"name": "Tie", "triggers": [{"type": "user.enrolled"}],
                 "actions": [{"type": "wait_for", "event": {"type": "tags.added", "tags": ["go"]}, "timeout": "PT2S",
                              "then": [{"type": "add_tags", "tags": ["by-event"]}],
                              "else": [{"type": "add_tags", "tags": ["by-timeout"]}]}]}""");
        long[] enrolled = new long[users];
        for (int i = 0; i < users; i++) {
            enrolled[i] = System.nanoTime();
            s.event("""
                    {"id": "en%d", "type": "user.enrolled", "userId": "t%d", "courseId": "python"}""".formatted(i, i));
        }
        // each follow-up arrives near its run's 2 s timeout: from 300 ms before it to 275 ms after
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Boolean>> resumed = new ArrayList<>();
        for (int i = 0; i < users; i++) {
            int u = i;
            long at = enrolled[i] + TimeUnit.MILLISECONDS.toNanos(1700 + 25L * i);
            resumed.add(pool.submit(() -> {
                long sleep = at - System.nanoTime();
                if (sleep > 0) {
                    TimeUnit.NANOSECONDS.sleep(sleep);
                }
                JsonPath answer = s.event("""
                        {"id": "go%d", "type": "tags.added", "userId": "t%d", "tags": ["go"]}""".formatted(u, u))
                        .extract().jsonPath();
                return answer.getList("runs").size() == 1 && answer.getBoolean("runs[0].resumed");
            }));
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/runs?automationId=" + a + "&limit=100")
                .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("completed"))));
        int byEvent = 0;
        for (int i = 0; i < users; i++) {
            JsonPath run = s.get("/runs?userId=t" + i).extract().jsonPath();
            assertThat(run.getList("items")).hasSize(1);
            String outcome = run.getString("items[0].actions[0].outcome");
            List<String> tags = s.tags("t" + i);
            if ("event".equals(outcome)) {
                byEvent++;
                assertThat(resumed.get(i).get()).isTrue();
                assertThat(run.getString("items[0].actions[0].eventId")).isEqualTo("go" + i);
                assertThat(run.getList("items[0].actions.step")).containsExactly("actions[0]", "actions[0].then[0]");
                assertThat(tags).containsExactlyInAnyOrder("go", "by-event");
            } else {
                assertThat(outcome).isEqualTo("timeout");
                assertThat(resumed.get(i).get()).isFalse();
                assertThat(run.getList("items[0].actions.step")).containsExactly("actions[0]", "actions[0].else[0]");
                assertThat(tags).containsExactlyInAnyOrder("go", "by-timeout");
            }
        }
        System.out.printf("WaitForTest tie: %d of %d runs resumed by the event, the others by the timeout%n",
                byEvent, users);
    }

    /**
     * Resumed steps join the event's chain one level below it; an internal event resumes too; an
     * event may resume a run of an automation and start another run of it.
     */
    @Test
    void resumedStepsChainAndAnEventMayBothResumeAndStartAnAutomation() {
        School s = School.create("wf").course("python", false).course("bonus", false)
                .user("u1", Map.of("email", "u1@wf.test"));
        // waits for a tag that another automation adds: the internal tags.added resumes it
        String waiter = s.automation("""
                {"name": "Paid, then bonus", "triggers": [{"type": "user.enrolled", "courseIds": ["python"]}],
                 "actions": [{"type": "wait_for", "event": {"type": "tags.added", "tags": ["paid"]}, "timeout": "P1D",
                              "then": [{"type": "enroll", "courseIds": ["bonus"]}]}]}""");
        String tagger = s.automation("""
                {"name": "Coupon means paid", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "add_tags", "tags": ["paid"]}]}""");
        String bonus = s.automation("""
                {"name": "Welcome to bonus", "triggers": [{"type": "user.enrolled", "courseIds": ["bonus"]}],
                 "actions": [{"type": "add_tags", "tags": ["bonus-welcomed"]}]}""");
        String waitingRun = s.event("""
                {"id": "e1", "type": "user.enrolled", "userId": "u1", "courseId": "python"}""")
                .extract().path("runs[0].runId");
        s.event("""
                {"id": "c1", "type": "coupon.claimed", "userId": "u1", "couponCode": "SPRING"}""")
                .body("runs.automationId", contains(tagger, waiter, bonus))
                .body("runs[1].runId", equalTo(waitingRun)).body("runs[1].resumed", equalTo(true))
                .body("runs[0].resumed", nullValue());
        s.get("/runs?automationId=" + waiter).body("items[0].status", equalTo("completed"))
                .body("items[0].actions[0].outcome", equalTo("event"))
                .body("items[0].actions[0].eventId", equalTo("c1"));
        s.get("/runs?automationId=" + bonus).body("items[0].depth", equalTo(2));
        assertThat(s.tags("u1")).containsExactlyInAnyOrder("paid", "bonus-welcomed");

        // every visit starts a run that waits for the next visit: the second resumes the first and starts another
        String visits = s.automation("""
                {"name": "Came back", "triggers": [{"type": "user.visited"}],
                 "actions": [{"type": "wait_for", "event": {"type": "user.visited"}, "timeout": "P1D",
                              "then": [{"type": "add_tags", "tags": ["came-back"]}]}]}""");
        String first = s.event("""
                {"id": "v1", "type": "user.visited", "userId": "u1"}""").body("runs", hasSize(1))
                .extract().path("runs[0].runId");
        JsonPath second = s.event("""
                {"id": "v2", "type": "user.visited", "userId": "u1"}""").extract().jsonPath();
        assertThat(second.getList("runs")).hasSize(2);
        assertThat(second.getString("runs[0].runId")).isEqualTo(first);
        assertThat(second.getBoolean("runs[0].resumed")).isTrue();
        assertThat(second.getString("runs[0].status")).isEqualTo("completed");
        assertThat(second.getString("runs[1].status")).isEqualTo("waiting");
        assertThat((Object) second.get("runs[1].resumed")).isNull();
        s.get("/runs?automationId=" + visits).body("items.status", containsInAnyOrder("completed", "waiting"));
    }

    /** A paused automation's waiting runs hold: no event resumes them until it is active again. */
    @Test
    void aPausedAutomationsWaitingRunsHold() {
        School s = School.create("wf").course("python", false).user("u1", Map.of("email", "u1@wf.test"));
        String a = s.automation(STARTED_OR_REMINDED.formatted("P3D"));
        s.event("""
                {"id": "e1", "type": "user.enrolled", "userId": "u1", "courseId": "python"}""");
        s.key.req().body("{\"status\": \"paused\"}").patch(s.key.path("/automations/" + a)).then().statusCode(200);
        s.event("""
                {"id": "v1", "type": "user.visited", "userId": "u1", "courseId": "python"}""").body("runs", hasSize(0));
        s.get("/runs?userId=u1").body("items[0].status", equalTo("waiting"));
        s.key.req().body("{\"status\": \"active\"}").patch(s.key.path("/automations/" + a)).then().statusCode(200);
        s.event("""
                {"id": "v2", "type": "user.visited", "userId": "u1", "courseId": "python"}""")
                .body("runs[0].resumed", equalTo(true));
        s.get("/runs?userId=u1").body("items[0].actions[0].eventId", equalTo("v2"));
    }

    /** A run finishes on the version it started on: a new version without the wait_for still resumes it. */
    @Test
    void aWaitingRunResumesOnItsOwnVersionAfterAReplacement() {
        School s = School.create("wf").course("python", false).user("u1", Map.of("email", "u1@wf.test"));
        String a = s.automation(STARTED_OR_REMINDED.formatted("P3D"));
        s.event("""
                {"id": "e1", "type": "user.enrolled", "userId": "u1", "courseId": "python"}""");
        s.key.req().body("""
                {"name": "Now only a tag", "triggers": [{"type": "user.enrolled"}],
                 "actions": [{"type": "add_tags", "tags": ["v2"]}]}""")
                .put(s.key.path("/automations/" + a)).then().statusCode(200).body("version", equalTo(2));
        s.event("""
                {"id": "v1", "type": "user.visited", "userId": "u1", "courseId": "python"}""")
                .body("runs[0].resumed", equalTo(true)).body("runs[0].version", equalTo(1));
        assertThat(s.tags("u1")).containsExactlyInAnyOrder("started", "followed-up");
    }

    /** In a batch, an event resumes a run that an earlier event of the same chunk started. */
    @Test
    void aLaterEventOfTheSameBatchResumesTheRun() {
        School s = School.create("wf").course("python", false).user("u1", Map.of("email", "u1@wf.test"));
        String a = s.automation(STARTED_OR_REMINDED.formatted("P3D"));
        s.key.req().body("""
                {"events": [{"id": "b1", "type": "user.enrolled", "userId": "u1", "courseId": "python"},
                            {"id": "b2", "type": "user.visited", "userId": "u1", "courseId": "python"}]}""")
                .post(s.key.path("/events:batch")).then().statusCode(200)
                .body("results[1].runs[0].resumed", equalTo(true));
        s.get("/runs?automationId=" + a).body("items", hasSize(1)).body("items[0].status", equalTo("completed"))
                .body("items[0].actions[0].eventId", equalTo("b2"));
        assertThat(s.tags("u1")).containsExactlyInAnyOrder("started", "followed-up");
    }

    /** exitWhen met while a run waits at a wait_for: exited, the wait_for skipped with why. */
    @Test
    void anExitGoalEndsARunWaitingAtAWaitFor() {
        School s = School.create("wf").course("python", false).user("u1", Map.of("email", "u1@wf.test"));
        s.automation("""
                {"name": "Until customer", "triggers": [{"type": "user.enrolled"}],
                 "exitWhen": {"type": "has_tags", "tags": ["customer"]},
                 "actions": [{"type": "wait_for", "event": {"type": "course.completed"}, "timeout": "P1D",
                              "then": [{"type": "add_tags", "tags": ["done"]}]},
                             {"type": "add_tags", "tags": ["after"]}]}""");
        s.event("""
                {"id": "e1", "type": "user.enrolled", "userId": "u1", "courseId": "python"}""");
        s.event("""
                {"id": "t1", "type": "tags.added", "userId": "u1", "tags": ["customer"]}""");
        s.get("/runs?userId=u1").body("items[0].status", equalTo("exited"))
                .body("items[0].actions.step", contains("actions[0]"))
                .body("items[0].actions[0].status", equalTo("skipped"))
                .body("items[0].actions[0].error", containsString("exitWhen"));
        s.event("""
                {"id": "c1", "type": "course.completed", "userId": "u1", "courseId": "python"}""").body("runs", hasSize(0));
        assertThat(s.tags("u1")).containsExactly("customer");
    }

    /**
     * The hot path reads waiting runs only where they can matter: an event reads its user's runs
     * waiting at a step only when the rule base says it matches a wait_for, and its user's
     * waiting runs for their goals only when a live version of the school has an exitWhen.
     */
    @Test
    void anEventReadsWaitingRunsOnlyWhenTheRuleBaseSaysItMayNeedThem() {
        School plain = School.create("wf").course("python", false).user("u1", Map.of("email", "u1@wf.test"));
        plain.automation("""
                {"name": "Plain wait", "triggers": [{"type": "user.enrolled"}],
                 "actions": [{"type": "wait", "duration": "P1D"}, {"type": "add_tags", "tags": ["later"]}]}""");
        plain.event("""
                {"id": "e1", "type": "user.enrolled", "userId": "u1", "courseId": "python"}""")
                .body("runs[0].status", equalTo("waiting"));
        assertThat(waitingReads(plain, "t1", "{\"id\": \"t1\", \"type\": \"tags.added\", \"userId\": \"u1\", "
                + "\"tags\": [\"x\"]}")).as("no wait_for, no exitWhen").isZero();

        School waits = School.create("wf").course("python", false).user("u1", Map.of("email", "u1@wf.test"));
        waits.automation(STARTED_OR_REMINDED.formatted("P3D"));
        waits.event("""
                {"id": "e1", "type": "user.enrolled", "userId": "u1", "courseId": "python"}""");
        assertThat(waitingReads(waits, "t1", "{\"id\": \"t1\", \"type\": \"tags.added\", \"userId\": \"u1\", "
                + "\"tags\": [\"x\"]}")).as("an event no wait_for matches").isZero();
        assertThat(waitingReads(waits, "v1", "{\"id\": \"v1\", \"type\": \"user.visited\", \"userId\": \"u1\", "
                + "\"courseId\": \"python\"}")).as("an event a wait_for matches: the user's runs at that step").isEqualTo(1);

        School goals = School.create("wf").course("python", false).user("u1", Map.of("email", "u1@wf.test"));
        goals.automation("""
                {"name": "Goal", "triggers": [{"type": "user.enrolled"}], "exitWhen": {"type": "has_tags", "tags": ["y"]},
                 "actions": [{"type": "wait", "duration": "P1D"}, {"type": "add_tags", "tags": ["later"]}]}""");
        goals.event("""
                {"id": "e1", "type": "user.enrolled", "userId": "u1", "courseId": "python"}""");
        assertThat(waitingReads(goals, "t1", "{\"id\": \"t1\", \"type\": \"tags.added\", \"userId\": \"u1\", "
                + "\"tags\": [\"x\"]}")).as("a school with an exit goal").isEqualTo(1);
    }

    /** The statements of one posted event that look up waiting runs (not the claim of one it resumes). */
    private static long waitingReads(School s, String eventId, String body) {
        com.userautomations.support.StatementLog.start();
        try {
            s.event(body).statusCode(202);
        } finally {
            com.userautomations.support.StatementLog.stop();
        }
        List<com.userautomations.support.StatementLog.Statement> log = com.userautomations.support.StatementLog.ofRequest(
                com.userautomations.support.StatementLog.stop(), "INTO events", eventId);
        return log.stream().filter(st -> st.sql().contains("FROM runs") && st.sql().contains("status = 'waiting'")
                && !st.sql().contains("FOR UPDATE")).count();
    }

    @Test
    void aWaitForIsValidatedAtItsFields() {
        School s = School.create("wf").course("python", false);
        String head = "{\"name\": \"x\", \"triggers\": [{\"type\": \"user.enrolled\"}], \"actions\": [";
        String[][] cases = {
                {"{\"type\": \"wait_for\", \"timeout\": \"P1D\"}", "actions[0].event"},
                {"{\"type\": \"wait_for\", \"event\": {\"type\": \"user.visited\"}}", "actions[0].timeout"},
                {"{\"type\": \"wait_for\", \"event\": {\"type\": \"user.inactive\", \"days\": 3}, \"timeout\": \"P1D\"}",
                        "actions[0].event.type"},
                {"{\"type\": \"wait_for\", \"event\": {\"type\": \"no.such\"}, \"timeout\": \"P1D\"}", "actions[0].event.type"},
                {"{\"type\": \"wait_for\", \"event\": {\"type\": \"user.visited\"}, \"timeout\": \"PT0.5S\"}",
                        "actions[0].timeout"},
                {"{\"type\": \"wait_for\", \"event\": {\"type\": \"user.visited\"}, \"timeout\": \"P366D\"}",
                        "actions[0].timeout"},
                {"{\"type\": \"wait_for\", \"event\": {\"type\": \"user.visited\"}, \"timeout\": \"'; DROP TABLE runs; --\"}",
                        "actions[0].timeout"},
                {"{\"type\": \"wait_for\", \"event\": {\"type\": \"user.visited\", \"sql\": 1}, \"timeout\": \"P1D\"}",
                        "actions[0].event.sql"},
                {"{\"type\": \"wait_for\", \"event\": {\"type\": \"user.visited\", \"courseIds\": [\"gone\"]}, \"timeout\": \"P1D\"}",
                        "actions[0].event.courseIds"},
                {"{\"type\": \"wait_for\", \"event\": {\"type\": \"form.submitted\", \"tags\": [\"x\"]}, \"timeout\": \"P1D\"}",
                        "actions[0].event.tags"},
                {"{\"type\": \"wait_for\", \"event\": \"user.visited\", \"timeout\": \"P1D\"}", "actions[0].event"},
                {"{\"type\": \"wait_for\", \"event\": {\"type\": \"user.visited\"}, \"timeout\": \"P1D\", \"then\": [{\"type\": \"nope\"}]}",
                        "actions[0].then[0].type"},
        };
        for (String[] c : cases) {
            s.key.req().body(head + c[0] + "]}").post(s.key.path("/automations")).then().statusCode(422).contentType("application/problem+json")
                    .body("errors.field", org.hamcrest.Matchers.hasItem(c[1]));
        }
        s.get("/automations").body("items", hasSize(0));
        // a valid one reads back as written, and its DRL shows the wait rule
        String a = s.automation("""
                {"name": "ok", "triggers": [{"type": "user.enrolled"}],
                 "actions": [{"type": "wait_for", "event": {"type": "user.visited", "courseIds": ["python"]},
                              "timeout": "P3D", "else": [{"type": "add_tags", "tags": ["idle"]}]}]}""");
        s.get("/automations/" + a).body("actions[0].type", equalTo("wait_for"))
                .body("actions[0].timeout", equalTo("P3D"))
                .body("actions[0].event.courseIds", contains("python"))
                .body("actions[0].else[0].tags", contains("idle"));
        String drl = s.key.req().get(s.key.path("/automations/" + a + "/drl")).then().statusCode(200).extract().asString();
        assertThat(drl).contains("rule \"a:" + a + ":1:w:actions[0]\"").contains("$e.addWait(");
    }
}
