package com.userautomations.packaged;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * Issue 13's user.inactive trigger and frequency caps on the packaged default build (the embedded
 * H2 database), through REST and a real SMTP server. Time is not moved: API.md lets a visit that
 * arrives now carry an older {@code occurredAt}, and a stretch whose moment has already passed
 * starts its run at the visit's arrival; the scan runs every second here ({@link LocalSmtp}).
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = LocalSmtp.class, restrictToAnnotatedClass = true)
class PackagedInactivityAndCapIT {
    private static final String S = "/api/v1/schools/h2pace";
    private static final String OVER_CAP = "over the school's frequency cap";

    private static RequestSpecification as(String key) {
        return RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key);
    }

    private static String school() throws Exception {
        RestAssured.get("/q/health/ready").then().statusCode(200);
        String operator = Files.readString(EmbeddedDataDir.DIR.resolve("operator-token")).trim();
        return as(operator).body(Map.of("id", "h2pace", "name", "H2 Pace", "timezone", "UTC",
                        "adminEmails", List.of("owner@h2pace.test"), "fromEmail", "school@h2pace.test"))
                .post("/api/v1/schools").then().statusCode(201).extract().path("apiKey");
    }

    private static void user(String key, String id, String firstName) {
        as(key).body(Map.of("email", id + "@h2pace.test", "firstName", firstName)).put(S + "/users/" + id)
                .then().statusCode(201);
    }

    private static JsonPath event(String key, String json) {
        return as(key).body(json).post(S + "/events").then().statusCode(202).extract().jsonPath();
    }

    private static String automation(String key, String json) {
        return as(key).body(json).post(S + "/automations").then().statusCode(201).extract().path("id");
    }

    private static List<String> subjects(String address) {
        return LocalSmtp.receivedBy(address).stream().map(LocalSmtp.Received::subject).toList();
    }

    @Test
    void anInactivityReminderAndAFrequencyCapAcrossTwoAutomationsOnTheEmbeddedBuild() throws Exception {
        String key = school();
        user(key, "gone", "Gus");
        user(key, "recent", "Rita");
        user(key, "capped", "Cleo");

        // -- user.inactive: a visit 15 days old is past 14 days at its arrival; one 13 days old is not --
        String reminder = automation(key, """
                {"name": "Miss you", "triggers": [{"type": "user.inactive", "days": 14}],
                 "actions": [{"type": "add_tags", "tags": ["reminded"]},
                             {"type": "send_email", "to": "user", "subject": "We miss you, {user.firstName}",
                              "body": "Come back to {school.name}"}]}""");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant goneVisit = now.minus(Duration.ofDays(15));
        event(key, """
                {"id": "v1", "type": "user.visited", "userId": "gone", "occurredAt": "%s"}""".formatted(goneVisit));
        event(key, """
                {"id": "v2", "type": "user.visited", "userId": "recent", "occurredAt": "%s"}"""
                .formatted(now.minus(Duration.ofDays(13))));
        as(key).get(S + "/users/gone").then().statusCode(200).body("lastVisitedAt", equalTo(goneVisit.toString()));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(key).get(S + "/runs?automationId=" + reminder)
                .then().statusCode(200).body("items", hasSize(1)).body("items[0].status", equalTo("completed")));
        as(key).get(S + "/runs?automationId=" + reminder).then()
                .body("items[0].userId", equalTo("gone"))
                .body("items[0].trigger", equalTo("user.inactive"))
                .body("items[0].eventId", nullValue())
                .body("items[0].actions.type", contains("add_tags", "send_email"));
        as(key).get(S + "/users/gone").then().body("tags", contains("reminded"));
        await().atMost(Duration.ofSeconds(20)).until(() -> !LocalSmtp.receivedBy("gone@h2pace.test").isEmpty());
        assertThat(LocalSmtp.receivedBy("gone@h2pace.test")).containsExactly(
                new LocalSmtp.Received("gone@h2pace.test", "We miss you, Gus", "Come back to H2 Pace"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(key).get(S + "/emails?automationId=" + reminder)
                .then().body("items", hasSize(1)).body("items[0].status", equalTo("sent"))
                .body("items[0].eventId", nullValue()).body("items[0].userId", equalTo("gone")));

        // -- a frequency cap of one message an hour, across two automations --
        as(key).body("""
                {"frequencyCap": {"max": 1, "per": "PT1H"}}""").patch(S).then().statusCode(200)
                .body("frequencyCap.max", equalTo(1)).body("frequencyCap.per", equalTo("PT1H"));
        String first = automation(key, """
                {"name": "First", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "First offer", "body": "One"}]}""");
        String second = automation(key, """
                {"name": "Second", "triggers": [{"type": "form.submitted"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Second offer", "body": "Two"},
                             {"type": "send_email", "to": "admins", "subject": "Second for {user.email}", "body": "x"},
                             {"type": "add_tags", "tags": ["offered"]}]}""");
        event(key, """
                {"id": "c1", "type": "coupon.claimed", "userId": "capped", "couponCode": "X"}""");
        JsonPath answer = event(key, """
                {"id": "f1", "type": "form.submitted", "userId": "capped", "formId": "offer"}""");
        assertThat(answer.getString("runs[0].automationId")).isEqualTo(second);
        assertThat(answer.getString("runs[0].status")).isEqualTo("completed");

        // the second message to the user is skipped, and says why; the run goes on after it
        as(key).get(S + "/runs?automationId=" + second).then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].status", equalTo("completed"))
                .body("items[0].actions.type", contains("send_email", "send_email", "add_tags"))
                .body("items[0].actions[0].status", equalTo("skipped"))
                .body("items[0].actions[0].error", equalTo(OVER_CAP))
                .body("items[0].actions[2].status", equalTo("done"));
        as(key).get(S + "/users/capped").then().body("tags", contains("offered"));
        // the run's user's emails, the admins' one included (not capped), by their subjects
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(key).get(S + "/emails?userId=capped")
                .then().statusCode(200).body("items", hasSize(3))
                .body("items.find { it.subject == 'First offer' }.automationId", equalTo(first))
                .body("items.find { it.subject == 'First offer' }.status", equalTo("sent"))
                .body("items.find { it.subject == 'Second offer' }.automationId", equalTo(second))
                .body("items.find { it.subject == 'Second offer' }.status", equalTo("skipped"))
                .body("items.find { it.subject == 'Second offer' }.error", equalTo(OVER_CAP))
                .body("items.find { it.subject == 'Second offer' }.eventId", equalTo("f1"))
                .body("items.find { it.subject == 'Second for capped@h2pace.test' }.status", equalTo("sent")));
        // the admins' email sent, its action is done; the capped one stays skipped
        as(key).get(S + "/runs?automationId=" + second).then()
                .body("items[0].actions.status", contains("skipped", "done", "done"));
        // what the SMTP server got: the first offer, and the admins' email of the capped run
        assertThat(subjects("capped@h2pace.test")).containsExactly("First offer");
        assertThat(subjects("owner@h2pace.test")).containsExactly("Second for capped@h2pace.test");

        // the scan has run every second all along: still one reminder, and none for the recent visitor
        as(key).get(S + "/runs?automationId=" + reminder).then().body("items", hasSize(1))
                .body("items[0].userId", equalTo("gone"));
        assertThat(subjects("recent@h2pace.test")).isEmpty();
    }
}
