package com.userautomations.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.userautomations.support.Api;
import com.userautomations.support.GreenMailResource;
import com.userautomations.support.MovableClock;
import com.userautomations.support.OutboundToLocalhost;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** A push is held by the send window as an email is, and is one message for the frequency cap. */
@QuarkusTest
@TestProfile(OutboundToLocalhost.class)
@QuarkusTestResource(GreenMailResource.class)
class PushPacingTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @AfterEach
    void clockBack() {
        MovableClock.reset();
    }

    @Test
    void aPushOutsideTheWindowWaitsAndAPushOverTheCapIsSkipped() throws Exception {
        try (PushServiceStandIn service = PushServiceStandIn.start()) {
            School s = School.create("pushpace").user("u1", Map.of("email", "u1@" + "pushpace.test"));
            Api.as(s.key.key()).body("""
                    {"sendWindow": {"start": "09:00", "end": "17:00"}, "frequencyCap": {"max": 1, "per": "PT12H"}}""")
                    .patch("/api/v1/schools/" + s.id()).then().statusCode(200);
            String key = s.get("/push/vapid-public-key").statusCode(200).extract().path("publicKey");
            s.key.req().body(service.subscribe(key).toJson()).put(s.key.path("/users/u1/push-subscriptions/laptop"))
                    .then().statusCode(201);
            String nudge = s.automation("""
                    {"name": "Nudge", "triggers": [{"type": "coupon.claimed"}],
                     "actions": [{"type": "send_push", "title": "Nudge", "body": "B"},
                                 {"type": "send_push", "title": "Second", "body": "B"},
                                 {"type": "send_push", "title": "Code", "body": "B", "transactional": true}]}""");

            ZonedDateTime now = ZonedDateTime.now(ZoneId.of("Europe/Athens"));
            ZonedDateTime late = now.with(LocalTime.of(23, 0));
            late = late.isAfter(now) ? late : late.plusDays(1);
            Instant opening = late.plusDays(1).with(LocalTime.of(9, 0)).toInstant();
            MovableClock.moveTo(late.toInstant());
            s.event("{\"id\": \"e1\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"X\"}");

            // the transactional push goes at once; the first is held, the second over the cap of 1
            assertThat(service.await(1, Duration.ofSeconds(20))).isTrue();
            assertThat(JSON.readTree(service.received().get(0).text()).get("title").textValue()).isEqualTo("Code");
            JsonPath pushes = s.get("/pushes?userId=u1").statusCode(200).extract().jsonPath();
            assertThat(pushes.getString("items.find { it.title == 'Nudge' }.status")).isEqualTo("queued");
            assertThat(Instant.parse(pushes.getString("items.find { it.title == 'Nudge' }.notBefore"))).isEqualTo(opening);
            assertThat(pushes.getString("items.find { it.title == 'Second' }.status")).isEqualTo("skipped");
            assertThat(pushes.getString("items.find { it.title == 'Second' }.error")).isEqualTo("over the school's frequency cap");
            assertThat(pushes.getString("items.find { it.title == 'Code' }.notBefore")).isNull();
            s.get("/runs?automationId=" + nudge).body("items[0].actions[1].status", equalTo("skipped"))
                    .body("items[0].actions[1].error", equalTo("over the school's frequency cap"));
            assertThat(service.received()).hasSize(1);

            MovableClock.moveTo(opening.plusSeconds(1));
            assertThat(service.await(2, Duration.ofSeconds(20))).isTrue();
            assertThat(JSON.readTree(service.received().get(1).text()).get("title").textValue()).isEqualTo("Nudge");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> s.get("/runs?automationId=" + nudge)
                    .body("items[0].actions.status", equalTo(List.of("done", "skipped", "done"))));
        }
    }
}
