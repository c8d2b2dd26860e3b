package com.userautomations.actions;

import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The wait action: the run waits durably, then the actions after it run (and chain) when due. */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class WaitTest {

    @Test
    void actionsAfterAWaitRunWhenDueAndChain() {
        School s = School.create("wait").course("c1", false).user("u1", Map.of("email", "waiter@wait.test", "firstName", "Wes"));
        String a = s.automation("""
                {"name": "Drip", "triggers": [{"type": "user.enrolled", "courseIds": ["c1"]}],
                 "actions": [{"type": "add_tags", "tags": ["day0"]}, {"type": "wait", "duration": "PT1S"},
                             {"type": "add_tags", "tags": ["day1"]},
                             {"type": "send_email", "to": "user", "subject": "Day 1 of {course.title}", "body": "Hi {user.firstName}"}]}""");
        String b = s.automation("""
                {"name": "After day 1", "triggers": [{"type": "tags.added", "tags": ["day1"]}],
                 "actions": [{"type": "add_tags", "tags": ["chained"]}]}""");
        s.event("""
                {"id": "e1", "type": "user.enrolled", "userId": "u1", "courseId": "c1"}""")
                .body("runs", hasSize(1)).body("runs[0].status", equalTo("waiting"));
        s.getUser("u1").body("tags", contains("day0"));
        s.get("/runs?automationId=" + a).body("items[0].actions.status", contains("done", "done", "pending", "pending"));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                s.get("/runs?automationId=" + a).body("items[0].status", equalTo("completed")));
        s.getUser("u1").body("tags", contains("chained", "day0", "day1"));
        s.get("/runs?automationId=" + b).body("items", hasSize(1)).body("items[0].depth", equalTo(1))
                .body("items[0].eventId", equalTo("e1"));
        await().atMost(Duration.ofSeconds(15)).until(() -> GreenMailResource.receivedBy("waiter@wait.test").size() == 1);
        s.get("/emails").body("items[0].subject", equalTo("Day 1 of Course c1")).body("items[0].body", equalTo("Hi Wes"));
    }

    @Test
    void pausedAutomationsHoldTheirWaitingRunsAndDeletedOnesSkipThem() throws Exception {
        School s = School.create("wait").user("u1", Map.of("email", "u1@x.test")).user("u2", Map.of("email", "u2@x.test"));
        String held = s.automation("""
                {"name": "Held", "triggers": [{"type": "coupon.claimed", "couponCodes": ["H"]}],
                 "actions": [{"type": "wait", "duration": "PT0.5S"}, {"type": "add_tags", "tags": ["resumed"]}]}""");
        String gone = s.automation("""
                {"name": "Gone", "triggers": [{"type": "coupon.claimed", "couponCodes": ["G"]}],
                 "actions": [{"type": "wait", "until": "%s"}, {"type": "add_tags", "tags": ["never"]}]}"""
                .formatted(Instant.now().plusSeconds(3600)));
        s.event("""
                {"id": "h", "type": "coupon.claimed", "userId": "u1", "couponCode": "H"}""");
        s.event("""
                {"id": "g", "type": "coupon.claimed", "userId": "u2", "couponCode": "G"}""");
        s.key.req().body("{\"status\": \"paused\"}").patch(s.key.path("/automations/" + held)).then().statusCode(200);
        Thread.sleep(2000);
        s.get("/runs?automationId=" + held).body("items[0].status", equalTo("waiting"));
        s.getUser("u1").body("tags", hasSize(0));

        s.key.req().body("{\"status\": \"active\"}").patch(s.key.path("/automations/" + held)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                s.get("/runs?automationId=" + held).body("items[0].status", equalTo("completed")));
        s.getUser("u1").body("tags", contains("resumed"));

        s.key.req().delete(s.key.path("/automations/" + gone)).then().statusCode(204);
        s.get("/runs?automationId=" + gone).body("items[0].status", equalTo("skipped"))
                .body("items[0].actions[1].status", equalTo("skipped"));
        assertThat(s.tags("u2")).isEmpty();
    }

    @Test
    void aWaitUntilAPastMomentResumesAtOnce() {
        School s = School.create("wait").user("u1", Map.of("email", "u1@x.test"));
        String a = s.automation("""
                {"name": "Past", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "wait", "until": "2020-01-01T00:00:00Z"}, {"type": "add_tags", "tags": ["later"]}]}""");
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""")
                .body("runs[0].status", equalTo("waiting"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                s.get("/runs?automationId=" + a).body("items[0].status", equalTo("completed")));
        s.getUser("u1").body("tags", contains("later"));
    }
}
