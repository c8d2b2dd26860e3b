package com.userautomations.packaged;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Issue 13's additions on the packaged default build (the embedded H2 database): if/else and
 * exitWhen in a flow with a wait, a visit's lastVisitedAt, and a send window that holds an email,
 * through REST as the platform posts them.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = EmbeddedDataDir.class, restrictToAnnotatedClass = true)
class PackagedFlowsIT {
    private static final String S = "/api/v1/schools/h2flows";

    private static RequestSpecification as(String key) {
        return RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key);
    }

    private static String school() throws Exception {
        RestAssured.get("/q/health/ready").then().statusCode(200);
        String operator = Files.readString(EmbeddedDataDir.DIR.resolve("operator-token")).trim();
        return as(operator).body(Map.of("id", "h2flows", "name", "H2 Flows", "adminEmails", List.of("o@h2.test"),
                "fromEmail", "school@h2.test")).post("/api/v1/schools").then().statusCode(201).extract().path("apiKey");
    }

    private static void event(String key, String json) {
        as(key).body(json).post(S + "/events").then().statusCode(202);
    }

    @Test
    void flowsVisitsAndSendWindowsWorkOnTheEmbeddedBuild() throws Exception {
        String key = school();
        // -- a branch taken, and an exit goal met during a wait --
        String flow = as(key).body("""
                {"name": "Branches", "triggers": [{"type": "coupon.claimed"}],
                 "exitWhen": {"type": "has_tags", "tags": ["stop"]},
                 "actions": [{"type": "if", "conditions": {"type": "has_tags", "tags": ["vip"]},
                              "then": [{"type": "add_tags", "tags": ["gold"]}],
                              "else": [{"type": "add_tags", "tags": ["silver"]}]},
                             {"type": "wait", "duration": "PT2S"},
                             {"type": "add_tags", "tags": ["late"]}]}""")
                .post(S + "/automations").then().statusCode(201).extract().path("id");
        event(key, """
                {"id": "s1", "type": "user.signed_up", "userId": "vip", "user": {"email": "vip@h2.test"}}""");
        event(key, """
                {"id": "s2", "type": "user.signed_up", "userId": "plain", "user": {"email": "plain@h2.test"}}""");
        event(key, """
                {"id": "t1", "type": "tags.added", "userId": "vip", "tags": ["vip"]}""");
        event(key, """
                {"id": "c1", "type": "coupon.claimed", "userId": "vip", "couponCode": "A"}""");
        event(key, """
                {"id": "c2", "type": "coupon.claimed", "userId": "plain", "couponCode": "B"}""");
        as(key).get(S + "/runs?userId=vip").then().statusCode(200)
                .body("items[0].status", equalTo("waiting"))
                .body("items[0].actions.step", contains("actions[0]", "actions[0].then[0]", "actions[1]", "actions[2]"))
                .body("items[0].actions[0].branch", equalTo("then"));
        event(key, """
                {"id": "t2", "type": "tags.added", "userId": "plain", "tags": ["stop"]}""");
        as(key).get(S + "/runs?userId=plain").then().body("items[0].status", equalTo("exited"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(key).get(S + "/runs?userId=vip")
                .then().body("items[0].status", equalTo("completed")));
        as(key).get(S + "/users/vip").then().body("tags", containsInAnyOrder("vip", "gold", "late"));
        as(key).get(S + "/users/plain").then().body("tags", containsInAnyOrder("silver", "stop"))
                .body("tags", not(hasItem("late")));
        as(key).get(S + "/runs?automationId=" + flow).then().body("items.status", containsInAnyOrder("completed", "exited"));

        // -- a visit: the later of the stored one and occurredAt --
        event(key, """
                {"id": "v1", "type": "user.visited", "userId": "vip", "occurredAt": "2026-11-20T10:00:00Z"}""");
        event(key, """
                {"id": "v0", "type": "user.visited", "userId": "vip", "occurredAt": "2026-11-01T10:00:00Z"}""");
        as(key).get(S + "/users/vip").then().body("lastVisitedAt", equalTo("2026-11-20T10:00:00Z"));

        // -- a send window closed now: the email waits for its next opening --
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        boolean firstMinute = now.isBefore(LocalTime.of(0, 2));
        String start = firstMinute ? "23:58" : "00:00";
        String end = firstMinute ? "23:59" : "00:01";
        as(key).body("{\"timezone\": \"UTC\", \"sendWindow\": {\"start\": \"%s\", \"end\": \"%s\"}}".formatted(start, end))
                .patch(S).then().statusCode(200).body("sendWindow.start", equalTo(start));
        as(key).body("""
                {"name": "Hello", "triggers": [{"type": "form.submitted"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Hello", "body": "Hi"}]}""")
                .post(S + "/automations").then().statusCode(201);
        event(key, """
                {"id": "f1", "type": "form.submitted", "userId": "vip", "formId": "f"}""");
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant opening = firstMinute ? today.plus(Duration.ofHours(23).plusMinutes(58)) : today.plus(Duration.ofDays(1));
        String notBefore = as(key).get(S + "/emails?userId=vip").then().statusCode(200)
                .body("items[0].subject", equalTo("Hello")).body("items[0].status", equalTo("queued"))
                .extract().path("items[0].notBefore");
        assertThat(Instant.parse(notBefore)).isEqualTo(opening);

        // -- wait_for: a visit resumes one run in its own answer; the other times out --
        String waits = as(key).body("""
                {"name": "Came back?", "triggers": [{"type": "form.submitted", "formIds": ["w"]}],
                 "actions": [{"type": "wait_for", "event": {"type": "user.visited"}, "timeout": "PT2S",
                              "then": [{"type": "add_tags", "tags": ["came-back"]}],
                              "else": [{"type": "add_tags", "tags": ["stayed-away"]}]}]}""")
                .post(S + "/automations").then().statusCode(201).extract().path("id");
        event(key, """
                {"id": "w1", "type": "form.submitted", "userId": "vip", "formId": "w"}""");
        event(key, """
                {"id": "w2", "type": "form.submitted", "userId": "plain", "formId": "w"}""");
        as(key).body("""
                {"id": "wv", "type": "user.visited", "userId": "vip"}""").post(S + "/events").then().statusCode(202)
                .body("runs[0].automationId", equalTo(waits)).body("runs[0].resumed", equalTo(true))
                .body("runs[0].status", equalTo("completed"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(key).get(S + "/runs?userId=plain&automationId=" + waits)
                .then().body("items[0].status", equalTo("completed")).body("items[0].actions[0].outcome", equalTo("timeout")));
        as(key).get(S + "/runs?userId=vip&automationId=" + waits).then()
                .body("items[0].actions.step", contains("actions[0]", "actions[0].then[0]"))
                .body("items[0].actions[0].outcome", equalTo("event")).body("items[0].actions[0].eventId", equalTo("wv"));
        as(key).get(S + "/users/plain").then().body("tags", hasItem("stayed-away")).body("tags", not(hasItem("came-back")));
    }
}
