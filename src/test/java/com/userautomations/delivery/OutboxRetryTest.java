package com.userautomations.delivery;

import com.userautomations.support.FlakySmtp;
import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import com.userautomations.common.Sql;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * Emails through an SMTP server that refuses the first attempts: retried with backoff, then
 * failed after the last attempt (4 in tests), then sent again by hand.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class OutboxRetryTest {

    @Test
    void refusedAttemptsAreRetriedUntilTheServerAccepts() {
        School s = School.create("retry").user("u1", Map.of("email", "retry-ok@" + "x.test", "firstName", "Rae"));
        s.automation("""
                {"name": "Mail", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Hello {user.firstName}", "body": "b"}]}""");
        FlakySmtp.get().refuseNext(2);
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                s.get("/emails").body("items[0].status", equalTo("sent")).body("items[0].attempts", equalTo(3)));
        assertThat(GreenMailResource.receivedBy("retry-ok@x.test")).hasSize(1);
        s.get("/runs").body("items[0].actions[0].status", equalTo("done")).body("items[0].actions[0].attempts", equalTo(3));
    }

    @Inject
    Sql sql;

    @Test
    void anEmailLeftSendingByAStoppedWorkerIsSentAgainAndFlagged() {
        School s = School.create("retry").user("u1", Map.of("email", "crash-window@x.test", "firstName", "Cy"));
        s.automation("""
                {"name": "Mail", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Hello {user.firstName}", "body": "b"}]}""");
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/emails").body("items[0].status", equalTo("sent")));
        // what a worker killed between the SMTP answer and its commit leaves behind
        String id = s.get("/emails").extract().path("items[0].id");
        sql.update("UPDATE emails SET status = 'sending', sending_at = ? WHERE id = ?",
                Instant.now().minus(Duration.ofHours(1)), id);
        s.get("/emails").body("items[0].status", equalTo("queued"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/emails").body("items[0].status", equalTo("sent"))
                .body("items[0].error", containsString("possible duplicate")));
        assertThat(GreenMailResource.receivedBy("crash-window@x.test")).hasSize(2);
    }

    @Test
    void afterTheLastAttemptTheEmailFailsAndCanBeRetried() {
        School s = School.create("retry").user("u1", Map.of("email", "retry-fail@x.test", "firstName", "Fay"));
        s.automation("""
                {"name": "Mail", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Hello {user.firstName}", "body": "b"}]}""");
        FlakySmtp.get().refuseNext(Integer.MAX_VALUE);
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                s.get("/emails").body("items[0].status", equalTo("failed")).body("items[0].attempts", equalTo(4)));
        s.get("/runs").body("items[0].actions[0].status", equalTo("failed"));
        String id = s.get("/emails").extract().path("items[0].id");
        assertThat(GreenMailResource.receivedBy("retry-fail@x.test")).isEmpty();

        FlakySmtp.get().refuseNext(0);
        s.key.req().post(s.key.path("/emails/" + id + ":retry")).then().statusCode(202).body("status", equalTo("queued"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                s.get("/emails").body("items[0].status", equalTo("sent")));
        assertThat(GreenMailResource.receivedBy("retry-fail@x.test")).hasSize(1);
        s.get("/runs").body("items[0].actions[0].status", equalTo("done"));
        s.key.req().post(s.key.path("/emails/" + id + ":retry")).then().statusCode(409);
        s.key.req().post(s.key.path("/emails/eml_nope:retry")).then().statusCode(404);
    }
}
