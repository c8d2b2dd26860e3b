package com.userautomations.actions;

import com.userautomations.support.Api;
import com.userautomations.support.GreenMailResource;
import com.userautomations.support.MovableClock;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

/**
 * A school's send window and frequency cap through REST, with a real SMTP server: an email
 * created at 23:00 in Athens waits for 09:00 there (the clock is moved, nothing sleeps for
 * hours); a cap of 2 a day across automations; admins' and transactional emails outside it.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class SendWindowAndCapTest {
    private static final ZoneId ATHENS = ZoneId.of("Europe/Athens");

    @AfterEach
    void clockBack() {
        MovableClock.reset();
    }

    private static void patchSchool(School s, String json) {
        Api.as(s.key.key()).body(json).patch("/api/v1/schools/" + s.id()).then().statusCode(200);
    }

    @Test
    void anEmailCreatedAt23InAthensWaitsFor09ThereAndTheOutboxHoldsIt() {
        School s = School.create("window");
        patchSchool(s, """
                {"sendWindow": {"start": "09:00", "end": "17:00"}}""");
        String learner = "learner@" + s.id() + ".test";
        String traveller = "traveller@" + s.id() + ".test";
        s.user("u1", Map.of("email", learner)).user("u2", Map.of("email", traveller, "timezone", "America/New_York"));
        s.automation("""
                {"name": "Welcome", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Deferred", "body": "Hi"},
                             {"type": "send_email", "to": "user", "subject": "Receipt", "body": "Paid", "transactional": true}]}""");

        // the next 23:00 in Athens (16:00 in New York, inside the window there)
        ZonedDateTime now = ZonedDateTime.now(ATHENS);
        ZonedDateTime late = now.with(LocalTime.of(23, 0));
        if (!late.isAfter(now)) {
            late = late.plusDays(1);
        }
        Instant opening = late.plusDays(1).with(LocalTime.of(9, 0)).toInstant();
        MovableClock.moveTo(late.toInstant());

        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""");
        s.event("""
                {"id": "e2", "type": "coupon.claimed", "userId": "u2", "couponCode": "X"}""");
        // the transactional receipt goes at once, and so does the email of the user whose own zone is in the window
        await().atMost(Duration.ofSeconds(20)).until(() -> subjects(learner).contains("Receipt")
                && subjects(traveller).containsAll(List.of("Deferred", "Receipt")));
        JsonPath emails = s.get("/emails?userId=u1").statusCode(200).extract().jsonPath();
        assertThat(emails.getString("items.find { it.subject == 'Deferred' }.status")).isEqualTo("queued");
        assertThat(Instant.parse(emails.getString("items.find { it.subject == 'Deferred' }.notBefore"))).isEqualTo(opening);
        assertThat(emails.getString("items.find { it.subject == 'Receipt' }.notBefore")).isNull();
        assertThat(s.get("/emails?userId=u2").extract().jsonPath().getList("items.notBefore")).containsOnlyNulls();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/runs?userId=u1")
                .body("items[0].status", equalTo("completed")).body("items[0].actions.status", contains("pending", "done")));

        // a minute before the opening the outbox still holds it, while it sends what is due (15:59 in Tokyo)
        MovableClock.moveTo(opening.minusSeconds(60));
        String tokyo = "tokyo@" + s.id() + ".test";
        s.user("u3", Map.of("email", tokyo, "timezone", "Asia/Tokyo"));
        s.event("""
                {"id": "e3", "type": "coupon.claimed", "userId": "u3", "couponCode": "Y"}""");
        await().atMost(Duration.ofSeconds(20)).until(() -> subjects(tokyo).size() == 2);
        assertThat(subjects(learner)).containsExactly("Receipt");

        MovableClock.moveTo(opening.plusSeconds(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> subjects(learner).contains("Deferred"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/runs?userId=u1")
                .body("items[0].actions.status", contains("done", "done")));
        s.get("/emails?userId=u1").body("items.find { it.subject == 'Deferred' }.status", equalTo("sent"))
                .body("items.find { it.subject == 'Deferred' }.attempts", equalTo(1));
    }

    @Test
    void anEmailAfterAWaitIsHeldByTheWindowWhenItIsCreated() {
        School s = School.create("window");
        patchSchool(s, """
                {"sendWindow": {"start": "09:00", "end": "17:00", "days": ["mon", "tue", "wed", "thu", "fri"]}}""");
        s.user("u1", Map.of("email", "later@" + s.id() + ".test"));
        String a = s.automation("""
                {"name": "Drip", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "wait", "duration": "PT1S"},
                             {"type": "send_email", "to": "user", "subject": "Day 1", "body": "x"}]}""");
        // Saturday 12:00 in Athens, a week or more ahead: the next opening is Monday 09:00
        ZonedDateTime saturday = ZonedDateTime.now(ATHENS).plusWeeks(1)
                .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.SATURDAY)).with(LocalTime.NOON);
        MovableClock.moveTo(saturday.toInstant());
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""")
                .body("runs[0].status", equalTo("waiting"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                s.get("/runs?automationId=" + a).body("items[0].status", equalTo("completed")));
        s.get("/emails?userId=u1").body("items[0].status", equalTo("queued"))
                .body("items[0].notBefore", equalTo(saturday.plusDays(2).with(LocalTime.of(9, 0)).toInstant().toString()));
    }

    @Test
    void aCapOfTwoADayCountsEveryAutomationButNotAdminsOrTransactionalEmails() {
        School s = School.create("cap");
        patchSchool(s, """
                {"frequencyCap": {"max": 2, "per": "P1D"}}""");
        String learner = "learner@" + s.id() + ".test";
        s.user("u1", Map.of("email", learner));
        String a = s.automation("""
                {"name": "A", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "A1", "body": "x"},
                             {"type": "send_email", "to": "admins", "subject": "Admin", "body": "x"},
                             {"type": "send_email", "to": "address", "address": "audit@x.test", "subject": "Audit", "body": "x"}]}""");
        String b = s.automation("""
                {"name": "B", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "B1", "body": "x"},
                             {"type": "add_tags", "tags": ["b"]}]}""");
        String t = s.automation("""
                {"name": "T", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "T", "body": "x", "transactional": true}]}""");

        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""");
        // A1 and B1 are the two a day; the next email to the user is the third
        s.event("""
                {"id": "e2", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""");

        for (String automation : List.of(a, b)) {
            JsonPath run = s.get("/runs?automationId=" + automation + "&eventId=e2").extract().jsonPath();
            assertThat(run.getString("items[0].status")).isEqualTo("completed");
            assertThat(run.getString("items[0].actions[0].status")).isEqualTo("skipped");
            assertThat(run.getString("items[0].actions[0].error")).isEqualTo("over the school's frequency cap");
        }
        // admins' and an address's emails are neither capped nor counted; the run goes on after a capped email
        s.get("/runs?automationId=" + a + "&eventId=e1").body("items[0].actions.status", everyItem(not(equalTo("skipped"))));
        s.get("/runs?automationId=" + a + "&eventId=e2").body("items[0].actions[1].status", not(equalTo("skipped")))
                .body("items[0].actions[2].status", not(equalTo("skipped")));
        s.get("/runs?automationId=" + b + "&eventId=e2").body("items[0].actions[1].status", equalTo("done"));
        assertThat(s.tags("u1")).containsExactly("b");
        s.get("/runs?automationId=" + t + "&eventId=e2").body("items[0].actions[0].status", not(equalTo("skipped")));

        JsonPath emails = s.get("/emails?userId=u1&limit=100").extract().jsonPath();
        List<Map<String, Object>> skipped = emails.getList("items.findAll { it.status == 'skipped' }");
        assertThat(skipped).extracting(e -> e.get("subject")).containsExactlyInAnyOrder("A1", "B1");
        assertThat(skipped).extracting(e -> e.get("error")).containsOnly("over the school's frequency cap");
        assertThat(skipped).extracting(e -> e.get("eventId")).containsOnly("e2");

        await().atMost(Duration.ofSeconds(20)).until(() -> subjects(learner).size() == 4
                && GreenMailResource.receivedBy(s.adminEmail(0)).size() == 2);
        assertThat(subjects(learner)).containsExactlyInAnyOrder("A1", "B1", "T", "T");

        // switched off, the next event's emails all go
        patchSchool(s, """
                {"frequencyCap": null}""");
        s.event("""
                {"id": "e3", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""");
        s.get("/runs?automationId=" + b + "&eventId=e3").body("items[0].actions[0].status", not(equalTo("skipped")))
                .body("items[0].actions[0].error", nullValue());
    }

    @Test
    void runsOfOneEventCountEachOtherInOrder() {
        School s = School.create("cap");
        patchSchool(s, """
                {"frequencyCap": {"max": 1, "per": "PT1H"}}""");
        s.user("u1", Map.of("email", "one@" + s.id() + ".test"));
        for (String name : List.of("First", "Second")) {
            s.automation("""
                    {"name": "%s", "triggers": [{"type": "coupon.claimed"}],
                     "actions": [{"type": "send_email", "to": "user", "subject": "%s", "body": "x"}]}""".formatted(name, name));
        }
        JsonPath answer = s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "X"}""").extract().jsonPath();
        List<String> runIds = answer.getList("runs.runId");
        assertThat(runIds).hasSize(2);
        JsonPath runs = s.get("/runs?eventId=e1").extract().jsonPath();
        assertThat(runs.getString("items.find { it.runId == '" + runIds.get(0) + "' }.actions[0].status")).isNotEqualTo("skipped");
        assertThat(runs.getString("items.find { it.runId == '" + runIds.get(1) + "' }.actions[0].status")).isEqualTo("skipped");
    }

    private static List<String> subjects(String address) {
        return GreenMailResource.receivedBy(address).stream().map(SendWindowAndCapTest::subject).toList();
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
