package com.userautomations.flows;

import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Flows (API.md 1.1): if/else and exit steps in nested lists, exitWhen, the recorded step paths,
 * the limits, and what a replacement does with waiting runs; through REST on PostgreSQL.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class FlowsTest {

    /** LearnWorlds' seed flow: the reminder is checked when the wait ends, not when the run started. */
    @Test
    void aReminderIsNotSentToALearnerWhoEnrolledDuringTheWait() {
        School s = School.create("flow").course("python", false)
                .user("enrolls", Map.of("email", "enrolls@flow.test"))
                .user("waits", Map.of("email", "waits@flow.test", "firstName", "Wanda"));
        String a = s.automation("""
                {"name": "Still thinking?", "triggers": [{"type": "tags.added", "tags": ["interested"]}],
                 "actions": [{"type": "wait", "duration": "PT2S"},
                             {"type": "if", "conditions": {"not": {"type": "enrolled_in", "courseIds": ["python"]}},
                              "then": [{"type": "send_email", "to": "user", "subject": "Still thinking, {user.firstName}?",
                                        "body": "Python starts soon"}]}]}""");
        s.event("""
                {"id": "i1", "type": "tags.added", "userId": "enrolls", "tags": ["interested"]}""")
                .body("runs[0].status", equalTo("waiting"));
        s.event("""
                {"id": "i2", "type": "tags.added", "userId": "waits", "tags": ["interested"]}""");
        s.get("/runs?userId=waits").body("items[0].actions.step", contains("actions[0]", "actions[1]"))
                .body("items[0].actions.status", contains("done", "pending"))
                .body("items[0].actions[1].type", equalTo("if")).body("items[0].actions[1].branch", nullValue());
        s.event("""
                {"id": "en1", "type": "user.enrolled", "userId": "enrolls", "courseId": "python"}""");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/runs?automationId=" + a)
                .body("items.status", contains("completed", "completed")));
        JsonPath enrolled = s.get("/runs?userId=enrolls").extract().jsonPath();
        assertThat(enrolled.getList("items[0].actions.step")).containsExactly("actions[0]", "actions[1]");
        assertThat(enrolled.getString("items[0].actions[1].branch")).isEqualTo("else");
        s.get("/runs?userId=waits")
                .body("items[0].actions.step", contains("actions[0]", "actions[1]", "actions[1].then[0]"))
                .body("items[0].actions.index", contains(0, 1, 0))
                .body("items[0].actions.type", contains("wait", "if", "send_email"))
                .body("items[0].actions[1].branch", equalTo("then"));
        await().atMost(Duration.ofSeconds(15)).until(() -> GreenMailResource.receivedBy("waits@flow.test").size() == 1);
        s.get("/emails").body("items", hasSize(1)).body("items[0].to", equalTo("waits@flow.test"))
                .body("items[0].subject", equalTo("Still thinking, Wanda?"));
        assertThat(GreenMailResource.receivedBy("enrolls@flow.test")).isEmpty();
    }

    /** exitWhen ends a waiting run as soon as an event makes it hold, in that event's transaction. */
    @Test
    void anExitGoalReachedDuringAWaitEndsTheRunExited() throws Exception {
        School s = School.create("flow").user("u1", Map.of("email", "u1@flow.test"))
                .user("u2", Map.of("email", "u2@flow.test", "tags", List.of("customer")));
        String a = s.automation("""
                {"name": "Nurture until they buy", "triggers": [{"type": "coupon.claimed"}],
                 "exitWhen": {"type": "has_tags", "tags": ["customer"]},
                 "actions": [{"type": "add_tags", "tags": ["nurtured"]}, {"type": "wait", "duration": "PT2S"},
                             {"type": "add_tags", "tags": ["nudged"]}]}""");
        s.event("""
                {"id": "c1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""")
                .body("runs[0].status", equalTo("waiting"));
        s.event("""
                {"id": "t1", "type": "tags.added", "userId": "u1", "tags": ["customer"]}""");
        s.get("/runs?userId=u1").body("items[0].status", equalTo("exited"))
                .body("items[0].finishedAt", org.hamcrest.Matchers.notNullValue())
                .body("items[0].actions.type", contains("add_tags", "wait"))
                .body("items[0].actions.status", contains("done", "done"));
        // a plain action list's entries are version 1's: no step paths
        assertThat(s.get("/runs?userId=u1").extract().jsonPath().getMap("items[0].actions[0]"))
                .containsOnlyKeys("index", "type", "status", "attempts", "error");

        // held at the start: exited at once, no step taken
        s.event("""
                {"id": "c2", "type": "coupon.claimed", "userId": "u2", "couponCode": "X"}""")
                .body("runs[0].status", equalTo("exited"));
        s.get("/runs?userId=u2").body("items[0].actions", hasSize(0));

        Thread.sleep(3500); // past the wait: a run that exited never takes its later steps
        s.get("/runs?automationId=" + a).body("items.status", contains("exited", "exited"));
        assertThat(s.tags("u1")).containsExactlyInAnyOrder("customer", "nurtured");
        assertThat(s.tags("u2")).containsExactly("customer");
    }

    /** In a batch, a run an earlier event of the same chunk started, not written yet, exits too. */
    @Test
    void anExitGoalReachedLaterInTheSameBatchEndsTheRun() {
        School s = School.create("flow").user("u1", Map.of("email", "u1@flow.test"));
        String a = s.automation("""
                {"name": "Nurture", "triggers": [{"type": "coupon.claimed"}],
                 "exitWhen": {"type": "has_tags", "tags": ["customer"]},
                 "actions": [{"type": "wait", "duration": "PT1H"}, {"type": "add_tags", "tags": ["nudged"]}]}""");
        s.key.req().body("""
                {"events": [{"id": "b1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"},
                            {"id": "b2", "type": "tags.added", "userId": "u1", "tags": ["customer"]}]}""")
                .post(s.key.path("/events:batch")).then().statusCode(200);
        s.get("/runs?automationId=" + a).body("items", hasSize(1)).body("items[0].status", equalTo("exited"))
                .body("items[0].actions.type", contains("wait"));
    }

    /** exitWhen is checked before every step, so a step that meets the goal stops the run before the next. */
    @Test
    void aStepThatMeetsTheGoalStopsTheRunBeforeTheNextStep() {
        School s = School.create("flow").user("u1", Map.of("email", "u1@flow.test"));
        s.automation("""
                {"name": "Goal", "triggers": [{"type": "coupon.claimed"}],
                 "exitWhen": {"type": "has_tags", "tags": ["goal"]},
                 "actions": [{"type": "add_tags", "tags": ["goal"]}, {"type": "add_tags", "tags": ["never"]}]}""");
        s.event("""
                {"id": "c1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""")
                .body("runs[0].status", equalTo("exited"));
        s.get("/runs?userId=u1").body("items[0].actions.type", contains("add_tags"));
        assertThat(s.tags("u1")).containsExactly("goal");
    }

    /** Nested if/else: the path taken is recorded step by step, conditions see the earlier steps' changes. */
    @Test
    void nestedBranchesRecordThePathTakenAndExitEndsTheRun() {
        School s = School.create("flow").user("plain", Map.of("email", "p@flow.test"))
                .user("vip", Map.of("email", "v@flow.test", "tags", List.of("vip")));
        String a = s.automation("""
                {"name": "Branches", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "add_tags", "tags": ["a"]},
                             {"type": "if", "conditions": {"type": "has_tags", "tags": ["vip"]},
                              "then": [{"type": "add_tags", "tags": ["t1"]}],
                              "else": [{"type": "if", "conditions": {"type": "has_tags", "tags": ["a"]},
                                        "then": [{"type": "add_tags", "tags": ["t2"]}, {"type": "exit"}],
                                        "else": [{"type": "add_tags", "tags": ["never"]}]}]},
                             {"type": "add_tags", "tags": ["end"]}]}""");
        s.event("""
                {"id": "c1", "type": "coupon.claimed", "userId": "plain", "couponCode": "X"}""")
                .body("runs[0].status", equalTo("completed"));
        s.get("/runs?userId=plain")
                .body("items[0].actions.step", contains("actions[0]", "actions[1]", "actions[1].else[0]",
                        "actions[1].else[0].then[0]", "actions[1].else[0].then[1]"))
                .body("items[0].actions.index", contains(0, 1, 0, 0, 1))
                .body("items[0].actions.type", contains("add_tags", "if", "if", "add_tags", "exit"))
                .body("items[0].actions.branch", contains(null, "else", "then", null, null))
                .body("items[0].actions.status", contains("done", "done", "done", "done", "done"));
        assertThat(s.tags("plain")).containsExactlyInAnyOrder("a", "t2");

        s.event("""
                {"id": "c2", "type": "coupon.claimed", "userId": "vip", "couponCode": "X"}""");
        s.get("/runs?userId=vip")
                .body("items[0].actions.step", contains("actions[0]", "actions[1]", "actions[1].then[0]", "actions[2]"))
                .body("items[0].actions[1].branch", equalTo("then"));
        assertThat(s.tags("vip")).containsExactlyInAnyOrder("vip", "a", "t1", "end");
        // a plain entry has no branch key at all
        assertThat(s.get("/runs?userId=vip").extract().jsonPath().getMap("items[0].actions[0]")).doesNotContainKey("branch");
        s.get("/automations/" + a).statusCode(200).body("actions[1].else[0].then[1].type", equalTo("exit"));
    }

    /** A wait inside a branch: the steps after it in each enclosing list are pending, then run on resume. */
    @Test
    void aWaitInsideABranchListsWhatIsPendingAndResumesThere() {
        School s = School.create("flow").user("u1", Map.of("email", "u1@flow.test"));
        String a = s.automation("""
                {"name": "Branch wait", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "if", "conditions": {"type": "has_tags", "tags": ["x"]},
                              "else": [{"type": "wait", "duration": "PT1S"}, {"type": "add_tags", "tags": ["b"]}],
                              "then": []},
                             {"type": "if", "conditions": {"type": "has_tags", "tags": ["b"]},
                              "then": [{"type": "add_tags", "tags": ["c"]}]}]}""");
        s.event("""
                {"id": "c1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""")
                .body("runs[0].status", equalTo("waiting"));
        s.get("/runs?userId=u1")
                .body("items[0].actions.step", contains("actions[0]", "actions[0].else[0]", "actions[0].else[1]", "actions[1]"))
                .body("items[0].actions.status", contains("done", "done", "pending", "pending"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> s.get("/runs?automationId=" + a)
                .body("items[0].status", equalTo("completed")));
        s.get("/runs?userId=u1")
                .body("items[0].actions.step", contains("actions[0]", "actions[0].else[0]", "actions[0].else[1]",
                        "actions[1]", "actions[1].then[0]"))
                .body("items[0].actions.status", contains("done", "done", "done", "done", "done"))
                .body("items[0].actions[3].branch", equalTo("then"));
        assertThat(s.tags("u1")).containsExactlyInAnyOrder("b", "c");
    }

    /**
     * After a wait, a branch's condition reads the event that started the run, and a change in a
     * branch chains one level below the run, under the loop guard.
     */
    @Test
    void aBranchAfterAWaitReadsTheStartingEventAndItsChangesChain() {
        School s = School.create("flow").user("u1", Map.of("email", "u1@flow.test"));
        String a = s.automation("""
                {"name": "Plan", "triggers": [{"type": "form.submitted", "formIds": ["signup"]}],
                 "actions": [{"type": "wait", "duration": "PT1S"},
                             {"type": "if", "conditions": {"type": "field", "path": "event.fields.plan", "op": "equals", "value": "pro"},
                              "then": [{"type": "add_tags", "tags": ["pro"]}], "else": [{"type": "add_tags", "tags": ["basic"]}]}]}""");
        String chained = s.automation("""
                {"name": "Pro welcome", "triggers": [{"type": "tags.added", "tags": ["pro"]}],
                 "actions": [{"type": "add_tags", "tags": ["welcomed"]}]}""");
        s.event("""
                {"id": "f1", "type": "form.submitted", "userId": "u1", "formId": "signup", "fields": {"plan": "pro"}}""");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> s.get("/runs?automationId=" + a)
                .body("items[0].status", equalTo("completed")));
        s.get("/runs?automationId=" + a).body("items[0].actions[1].branch", equalTo("then"));
        s.get("/runs?automationId=" + chained).body("items", hasSize(1)).body("items[0].depth", equalTo(1))
                .body("items[0].eventId", equalTo("f1"));
        assertThat(s.tags("u1")).containsExactlyInAnyOrder("pro", "welcomed");
    }

    @Test
    void flowsOverTheLimitsAreRefusedAtTheField() {
        School s = School.create("flow");
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 2; i++) {
            tooMany.append("{\"type\": \"if\", \"conditions\": {\"type\": \"has_tags\", \"tags\": [\"x\"]}, \"then\": [");
            for (int j = 0; j < 99; j++) {
                tooMany.append(j == 0 ? "" : ", ").append("{\"type\": \"add_tags\", \"tags\": [\"t\"]}");
            }
            tooMany.append("]}, ");
        }
        tooMany.append("{\"type\": \"exit\"}]"); // step 201
        refused(s, tooMany.toString(), "actions[2]", "at most 200 steps");

        String deep = "{\"type\": \"exit\"}";
        for (int level = 0; level < 10; level++) {
            deep = "{\"type\": \"if\", \"conditions\": {\"type\": \"has_tags\", \"tags\": [\"x\"]}, \"then\": [" + deep + "]}";
        }
        refused(s, "[" + deep + "]", "actions[0]" + ".then[0]".repeat(9) + ".then", "deeper than 10 lists");

        refused(s, """
                [{"type": "exit"}, {"type": "if", "conditions": {"type": "has_tags", "tags": ["x"]},
                  "then": [{"type": "add_tags", "tags": [""]}]}]""", "actions[1].then[0].tags[0]", "");
        refused(s, """
                [{"type": "if", "conditions": {"type": "has_tags", "tags": ["x"]}}]""", "actions[0].then", "required");
        refused(s, """
                [{"type": "if", "then": []}]""", "actions[0].conditions", "required");
        refused(s, """
                [{"type": "exit", "then": []}]""", "actions[0].then", "");
        refused(s, """
                [{"type": "explode"}]""", "actions[0].type", "if, exit");
        s.get("/automations").body("items", hasSize(0));

        // ten lists deep and 200 steps are allowed
        String ten = "{\"type\": \"exit\"}";
        for (int level = 0; level < 9; level++) {
            ten = "{\"type\": \"if\", \"conditions\": {\"type\": \"has_tags\", \"tags\": [\"x\"]}, \"then\": [" + ten + "]}";
        }
        s.automation("{\"name\": \"deep\", \"triggers\": [{\"type\": \"coupon.claimed\"}], \"actions\": [" + ten + "]}");
        s.automation("{\"name\": \"many\", \"triggers\": [{\"type\": \"coupon.claimed\"}], \"actions\": "
                + tooMany.toString().replace(", {\"type\": \"exit\"}]", "]") + "}");
    }

    private static void refused(School s, String actions, String field, String message) {
        s.key.req().body("{\"name\": \"n\", \"triggers\": [{\"type\": \"coupon.claimed\"}], \"actions\": " + actions + "}")
                .post(s.key.path("/automations")).then().statusCode(422)
                .contentType(containsString("application/problem+json"))
                .body("errors.field", org.hamcrest.Matchers.hasItem(field))
                .body("errors.find { it.field == '" + field + "' }.message", containsString(message));
    }

    @Test
    void waitingRunsCancelSkipsTheOldVersionsWaitingRuns() {
        School s = School.create("flow").user("u1", Map.of("email", "u1@flow.test"));
        String body = """
                {"name": "Long wait", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "wait", "until": "%s"}, {"type": "add_tags", "tags": ["later"]}]}"""
                .formatted(Instant.now().plusSeconds(3600));
        String a = s.automation(body);
        s.event("""
                {"id": "c1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""");
        s.key.req().body(body).put(s.key.path("/automations/" + a + "?waitingRuns=drop")).then().statusCode(422)
                .body("errors[0].field", equalTo("waitingRuns"));
        s.get("/automations/" + a).body("version", equalTo(1));
        s.key.req().body(body).put(s.key.path("/automations/" + a + "?waitingRuns=cancel")).then().statusCode(200)
                .body("version", equalTo(2));
        s.get("/runs?userId=u1").body("items[0].status", equalTo("skipped"))
                .body("items[0].version", equalTo(1))
                .body("items[0].error", containsString("waitingRuns=cancel"))
                .body("items[0].finishedAt", org.hamcrest.Matchers.notNullValue())
                .body("items[0].actions.status", contains("done", "skipped"));
    }

    /** keep (the default): a waiting run finishes on the definition of the version it started on. */
    @Test
    void aWaitingRunFinishesOnItsOldVersionAfterAReplacement() {
        School s = School.create("flow").user("u1", Map.of("email", "u1@flow.test"));
        String a = s.automation("""
                {"name": "v1", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "wait", "duration": "PT1S"},
                             {"type": "if", "conditions": {"type": "has_tags", "tags": ["none"]},
                              "then": [], "else": [{"type": "add_tags", "tags": ["from-v1"]}]}]}""");
        s.event("""
                {"id": "c1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""");
        s.key.req().body("""
                {"name": "v2", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "wait", "duration": "PT1S"}, {"type": "add_tags", "tags": ["from-v2"]}]}""")
                .put(s.key.path("/automations/" + a)).then().statusCode(200).body("version", equalTo(2));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> s.get("/runs?automationId=" + a)
                .body("items[0].status", equalTo("completed")));
        s.get("/runs?userId=u1").body("items[0].version", equalTo(1))
                .body("items[0].actions.step", contains("actions[0]", "actions[1]", "actions[1].else[0]"));
        assertThat(s.tags("u1")).containsExactly("from-v1");
    }

    /** The DRL of an automation with steps shows each step condition and exitWhen as a query. */
    @Test
    void theDrlShowsEachStepConditionAsAQuery() {
        School s = School.create("flow");
        String a = s.automation("""
                {"name": "DRL", "triggers": [{"type": "coupon.claimed"}],
                 "exitWhen": {"type": "has_tags", "tags": ["done"]},
                 "actions": [{"type": "if", "conditions": {"type": "has_any_tag", "tags": ["q\\"uote"]},
                              "then": [{"type": "if", "conditions": {"not": {"type": "has_tags", "tags": ["x"]}}, "then": []}]}]}""");
        String drl = s.get("/automations/" + a + "/drl").statusCode(200).extract().asString();
        assertThat(drl).contains("query \"a:" + a + ":1:actions[0]\"", "query \"a:" + a + ":1:actions[0].then[0]\"",
                "query \"a:" + a + ":1:exitWhen\"", "Predicates.containsAny(user.tags, \"q\\\"uote\")",
                "!(Predicates.containsAll(user.tags, \"x\"))");
    }

    @Test
    void theDefinitionRoundTripsWithStepsAndExitWhen() {
        School s = School.create("flow");
        String a = s.automation("""
                {"name": "RT", "triggers": [{"type": "coupon.claimed"}],
                 "exitWhen": {"any": [{"type": "has_tags", "tags": ["a"]}, {"type": "has_tags", "tags": ["b"]}]},
                 "actions": [{"type": "if", "conditions": {"type": "has_tags", "tags": ["x"]}, "then": [],
                              "else": [{"type": "exit"}]}]}""");
        s.get("/automations/" + a).body("exitWhen.any.tags", containsInAnyOrder(List.of("a"), List.of("b")))
                .body("actions[0].then", hasSize(0)).body("actions[0].else[0].type", equalTo("exit"));
    }
}
