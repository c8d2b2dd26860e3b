package com.userautomations.events;

import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class EventSemanticsTest {

    @Test
    void sameIdAndBodyIsADuplicateAndOtherBodyAConflict() {
        School s = School.create("idem").user("u1", Map.of("email", "u@x.test"));
        String a = s.automation("""
                {"name": "Tag", "triggers": [{"type": "tags.added"}], "actions": [{"type": "add_tags", "tags": ["seen"]}]}""");
        String runId = s.event("""
                {"id": "e1", "type": "tags.added", "userId": "u1", "tags": ["x"]}""")
                .body("duplicate", equalTo(false)).extract().path("runs[0].runId");
        s.post("""
                {"tags": ["x"],   "userId": "u1", "type": "tags.added", "id": "e1"}""").statusCode(200)
                .body("duplicate", equalTo(true)).body("runs[0].runId", equalTo(runId));
        s.post("""
                {"id": "e1", "type": "tags.added", "userId": "u1", "tags": ["y"]}""").statusCode(409)
                .contentType(startsWith("application/problem+json"));
        s.get("/runs?automationId=" + a).body("items", hasSize(1));
        s.getUser("u1").body("tags", contains("seen", "x"));
    }

    @Test
    void theSameEventPostedConcurrentlyRunsOnce() throws Exception {
        School s = School.create("twin").user("u1", Map.of("email", "u@x.test"));
        String a = s.automation("""
                {"name": "Tag", "triggers": [{"type": "coupon.claimed"}], "actions": [{"type": "add_tags", "tags": ["once"]}]}""");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<io.restassured.response.Response>> answers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            answers.add(pool.submit(() -> s.key.req().body("""
                    {"id": "twin", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""")
                    .post(s.key.path("/events"))));
        }
        List<Integer> statuses = new ArrayList<>();
        List<String> runIds = new ArrayList<>();
        for (Future<io.restassured.response.Response> f : answers) {
            statuses.add(f.get().statusCode());
            runIds.add(f.get().path("runs[0].runId"));
        }
        pool.shutdown();
        assertThat(statuses).containsOnly(200, 202).filteredOn(c -> c == 202).hasSize(1);
        assertThat(runIds).doesNotContainNull().containsOnly(runIds.get(0));
        s.get("/runs?automationId=" + a).body("items", hasSize(1));
    }

    @Test
    void concurrentEventsForOneUserAreAppliedInTurn() throws Exception {
        School s = School.create("order").course("all-in", false).user("u1", Map.of("email", "u@x.test"));
        List<String> tags = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            tags.add("t" + i);
        }
        String a = s.automation("""
                {"name": "All thirty", "triggers": [{"type": "tags.added", "tags": %s}],
                 "actions": [{"type": "enroll", "courseIds": ["all-in"]}]}""".formatted(
                toJson(tags)));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> done = new ArrayList<>();
        for (String t : tags) {
            done.add(pool.submit(() -> s.key.req().body("""
                    {"id": "e-%s", "type": "tags.added", "userId": "u1", "tags": ["%s"]}""".formatted(t, t))
                    .post(s.key.path("/events")).statusCode()));
        }
        for (Future<Integer> f : done) {
            assertThat(f.get()).isEqualTo(202);
        }
        pool.shutdown();
        // exactly one event completed the set, whatever the interleaving
        s.get("/runs?automationId=" + a).body("items", hasSize(1));
        assertThat(s.tags("u1")).hasSize(30);
    }

    @Test
    void pausedAutomationsDoNotRunAndPutBumpsTheVersion() {
        School s = School.create("pause").user("u1", Map.of("email", "u@x.test"));
        String a = s.automation("""
                {"name": "v1", "triggers": [{"type": "coupon.claimed"}], "actions": [{"type": "add_tags", "tags": ["v1"]}]}""");
        s.key.req().body("{\"status\": \"paused\"}").patch(s.key.path("/automations/" + a)).then().statusCode(200)
                .body("status", equalTo("paused")).body("version", equalTo(1));
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""").body("runs", empty());
        s.key.req().body("{\"status\": \"active\"}").patch(s.key.path("/automations/" + a)).then().statusCode(200);
        s.event("""
                {"id": "e2", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""")
                .body("runs[0].version", equalTo(1));
        s.key.req().body("""
                {"name": "v2", "triggers": [{"type": "coupon.claimed"}], "actions": [{"type": "add_tags", "tags": ["v2"]}]}""")
                .put(s.key.path("/automations/" + a)).then().statusCode(200).body("version", equalTo(2));
        s.event("""
                {"id": "e3", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""")
                .body("runs[0].version", equalTo(2));
        s.getUser("u1").body("tags", contains("v1", "v2"));
        s.get("/runs?automationId=" + a).body("items.version", contains(2, 1));
        s.key.req().delete(s.key.path("/automations/" + a)).then().statusCode(204);
        s.get("/automations/" + a).statusCode(404);
        s.event("""
                {"id": "e4", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""").body("runs", empty());
    }

    @Test
    void directoryActionsChainThroughInternalEvents() {
        School s = School.create("chain").course("vip-course", false);
        String a = s.automation("""
                {"name": "A", "triggers": [{"type": "user.signed_up"}], "actions": [{"type": "add_tags", "tags": ["a"]}]}""");
        String b = s.automation("""
                {"name": "B", "triggers": [{"type": "tags.added", "tags": ["a"]}], "actions": [{"type": "add_tags", "tags": ["b"]}]}""");
        String c = s.automation("""
                {"name": "C", "triggers": [{"type": "tags.added", "tags": ["a", "b"]}],
                 "actions": [{"type": "enroll", "courseIds": ["vip-course"]}]}""");
        s.event("""
                {"id": "e1", "type": "user.signed_up", "userId": "u1", "user": {"email": "u@x.test"}}""")
                .body("runs.automationId", contains(a, b, c));
        s.getUser("u1").body("tags", contains("a", "b")).body("enrollments[0].courseId", equalTo("vip-course"));
        s.get("/runs?eventId=e1").body("items", hasSize(3));
    }

    @Test
    void theLoopGuardRunsAnAutomationOncePerRootEvent() {
        School s = School.create("loop").user("u1", Map.of("email", "u@x.test"));
        String a = s.automation("""
                {"name": "Flip", "triggers": [{"type": "tags.added", "tags": ["p"]}, {"type": "tags.removed", "tags": ["p"]}],
                 "actions": [{"type": "remove_tags", "tags": ["p"]}, {"type": "add_tags", "tags": ["p"]}]}""");
        s.event("""
                {"id": "e1", "type": "tags.added", "userId": "u1", "tags": ["p"]}""")
                .body("runs", hasSize(1)).body("runs[0].automationId", equalTo(a));
        s.getUser("u1").body("tags", contains("p"));
    }

    @Test
    void chainsStopAtDepthEight() {
        School s = School.create("depth").user("u1", Map.of("email", "u@x.test"));
        for (int i = 0; i < 12; i++) {
            s.automation("""
                    {"name": "step %d", "triggers": [{"type": "tags.added", "tags": ["s%d"]}],
                     "actions": [{"type": "add_tags", "tags": ["s%d"]}]}""".formatted(i, i, i + 1));
        }
        s.event("""
                {"id": "e1", "type": "tags.added", "userId": "u1", "tags": ["s0"]}""").body("runs", hasSize(9));
        // depths 0..8 ran; the run at depth 8 added s9 but its change started nothing further
        assertThat(s.tags("u1")).containsExactlyInAnyOrder("s0", "s1", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9");
        List<Map<String, Object>> runs = s.get("/runs?eventId=e1").extract().path("items");
        assertThat(runs).filteredOn(r -> Integer.valueOf(8).equals(r.get("depth")))
                .singleElement().satisfies(r -> assertThat((String) r.get("error")).contains("depth limit of 8"));
    }

    @Test
    void oncePerUserRunsOnce() {
        School s = School.create("once").user("u1", Map.of("email", "u@x.test"));
        String a = s.automation("""
                {"name": "Once", "reentry": "once_per_user", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "add_tags", "tags": ["claimed"]}]}""");
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "A"}""").body("runs", hasSize(1));
        s.event("""
                {"id": "e2", "type": "coupon.claimed", "userId": "u1", "couponCode": "B"}""").body("runs", empty());
        s.get("/runs?automationId=" + a).body("items", hasSize(1));
    }

    @Test
    void conditionsNestAndCompareFieldsNumerically() {
        School s = School.create("cond")
                .user("big", Map.of("email", "a@corp.test", "fields", Map.of("seats", "100"), "tags", List.of("student")))
                .user("small", Map.of("email", "b@corp.test", "fields", Map.of("seats", 9)))
                .user("other", Map.of("email", "c@else.test", "fields", Map.of("seats", 500)));
        s.automation("""
                {"name": "Big B2B", "triggers": [{"type": "coupon.claimed"}],
                 "conditions": {"all": [
                    {"type": "field", "path": "user.fields.seats", "op": "gt", "value": "99"},
                    {"any": [{"type": "email_domain", "domains": ["CORP.test"]},
                             {"not": {"type": "has_tags", "tags": ["student"]}}]}]},
                 "actions": [{"type": "add_tags", "tags": ["big-b2b"]}]}""");
        for (String u : List.of("big", "small", "other")) {
            s.event("""
                    {"id": "e-%s", "type": "coupon.claimed", "userId": "%s", "couponCode": "Z"}""".formatted(u, u));
        }
        assertThat(s.tags("big")).contains("big-b2b");
        assertThat(s.tags("small")).doesNotContain("big-b2b");
        assertThat(s.tags("other")).contains("big-b2b");
    }

    @Test
    void eventsOnlyStartAutomationsActiveWhenTheyArrive() {
        School s = School.create("act").user("u1", Map.of("email", "u@x.test"));
        s.event("""
                {"id": "before", "type": "coupon.claimed", "userId": "u1", "couponCode": "A"}""").body("runs", empty());
        s.automation("""
                {"name": "Late", "triggers": [{"type": "coupon.claimed"}], "actions": [{"type": "add_tags", "tags": ["x"]}]}""");
        // a re-sent earlier event is answered from its first processing; it does not run the new automation
        s.post("""
                {"id": "before", "type": "coupon.claimed", "userId": "u1", "couponCode": "A"}""").statusCode(200)
                .body("runs", empty());
        s.getUser("u1").body("tags", empty());
        s.event("""
                {"id": "after", "type": "coupon.claimed", "userId": "u1", "couponCode": "A",
                 "occurredAt": "2020-01-01T00:00:00Z"}""").body("runs", hasSize(1));
    }

    @Test
    void aBatchAnswersEachEventInOrder() {
        School s = School.create("batch").user("u1", Map.of("email", "u@x.test"));
        s.automation("""
                {"name": "T", "triggers": [{"type": "coupon.claimed"}], "actions": [{"type": "add_tags", "tags": ["c"]}]}""");
        s.key.req().body("""
                {"events": [
                  {"id": "b1", "type": "coupon.claimed", "userId": "u1", "couponCode": "A"},
                  {"id": "b2", "type": "coupon.claimed", "userId": "nobody", "couponCode": "A"},
                  {"id": "b3", "type": "nonsense", "userId": "u1"},
                  {"id": "b1", "type": "coupon.claimed", "userId": "u1", "couponCode": "A"}]}""")
                .post(s.key.path("/events:batch")).then().statusCode(200)
                .body("results[0].runs", hasSize(1))
                .body("results[1].status", equalTo(422))
                .body("results[2].status", equalTo(422))
                .body("results[3].duplicate", equalTo(true));
        s.get("/events/b2").statusCode(404);
        s.get("/events/b1").statusCode(200).body("runs", hasSize(1)).body("type", equalTo("coupon.claimed"));
    }

    private static String toJson(List<String> values) {
        return com.userautomations.common.JsonBodies.write(values);
    }
}
