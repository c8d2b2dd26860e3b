package com.userautomations.packaged;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.userautomations.push.PushServiceStandIn;
import com.userautomations.webhooks.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * Webhooks and web push on the packaged default build (the embedded H2 database): the same
 * outbox, signatures, encryption, delivery log and replay as the PostgreSQL suite checks, through
 * REST and real receivers on 127.0.0.1.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = LocalReceivers.class, restrictToAnnotatedClass = true)
class PackagedDeliveriesIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String S = "/api/v1/schools/h2hooks";

    private static RequestSpecification as(String key) {
        return RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key);
    }

    @Test
    void theEmbeddedBuildDeliversSignedWebhooksAndEncryptedPushesOnceEachAndReplaysOne() throws Exception {
        WebhookReceiver platform = LocalReceivers.platform;
        PushServiceStandIn pushService = LocalReceivers.pushService;
        RestAssured.get("/q/health/ready").then().statusCode(200);
        String operator = Files.readString(EmbeddedDataDir.DIR.resolve("operator-token")).trim();
        String key = as(operator).body(Map.of("id", "h2hooks", "name", "H2 Hooks", "adminEmails", List.of("o@h2.test")))
                .post("/api/v1/schools").then().statusCode(201).extract().path("apiKey");
        as(key).body("{\"title\": \"Bonus\", \"paid\": false}").put(S + "/courses/bonus").then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        var hook = as(key).body(Map.of("url", platform.url(), "events", List.of("*")))
                .post(S + "/webhooks").then().statusCode(201).extract();
        String hookId = hook.path("id");
        platform.trust(hook.path("secret"));
        platform.failFirst(2);
        as(key).body("""
                {"id": "s1", "type": "user.signed_up", "userId": "u1", "user": {"email": "u1@h2.test", "firstName": "Ana"}}""")
                .post(S + "/events").then().statusCode(202);
        String vapid = as(key).get(S + "/push/vapid-public-key").then().statusCode(200).extract().path("publicKey");
        PushServiceStandIn.BrowserSubscription browser = pushService.subscribe(vapid);
        as(key).body(browser.toJson()).put(S + "/users/u1/push-subscriptions/laptop").then().statusCode(201);
        String automation = as(key).body("""
                {"name": "Bonus", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "enroll", "courseIds": ["bonus"]},
                             {"type": "send_push", "title": "{course.title} for {user.firstName}", "body": "Open it"},
                             {"type": "send_webhook", "webhookId": "%s", "payload": {"learner": "{user.email}", "points": 5}}]}"""
                .formatted(hookId)).post(S + "/automations").then().statusCode(201).extract().path("id");

        as(key).body("{\"id\": \"c1\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"X\"}")
                .post(S + "/events").then().statusCode(202).body("runs[0].status", equalTo("completed"));

        // user.enrolled, automation.webhook, run.completed and push.sent: four changes, two 500s first
        assertThat(platform.awaitDeliveries(6, Duration.ofSeconds(30))).isTrue();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> as(key).get(S + "/webhooks/" + hookId + "/deliveries")
                .then().statusCode(200).body("items", hasSize(4)).body("items.status", everyItem(equalTo("delivered"))));
        List<WebhookReceiver.Delivery> got = platform.deliveries();
        assertThat(got).allSatisfy(d -> assertThat(d.verified()).as(d.failure()).isTrue());
        assertThat(platform.duplicateIds()).isEmpty();
        List<String> types = new ArrayList<>();
        for (WebhookReceiver.Delivery d : got) {
            if (d.answeredStatus() == 200) {
                JsonNode data = JSON.readTree(d.body()).get("data");
                assertThat(data.get("automationId").textValue()).isEqualTo(automation);
                assertThat(data.get("eventId").textValue()).isEqualTo("c1");
                types.add(d.type());
                if (d.type().equals("automation.webhook")) {
                    assertThat(data.get("learner").textValue()).isEqualTo("u1@h2.test");
                    assertThat(data.get("points").intValue()).isEqualTo(5);
                }
                if (d.type().equals("user.enrolled")) {
                    assertThat(data.get("courseId").textValue()).isEqualTo("bonus");
                }
            }
        }
        assertThat(types).containsExactlyInAnyOrder("user.enrolled", "automation.webhook", "run.completed", "push.sent");

        // the learner's browser reads what the automation rendered
        assertThat(pushService.await(1, Duration.ofSeconds(10))).isTrue();
        PushServiceStandIn.Received push = pushService.received().get(0);
        assertThat(push.problem()).isNull();
        assertThat(JSON.readTree(push.text()).get("title").textValue()).isEqualTo("Bonus for Ana");
        as(key).get(S + "/pushes?userId=u1").then().statusCode(200).body("items[0].status", equalTo("sent"));

        // a replay of one delivery: the same webhook-id again
        String enrolled = got.stream().filter(d -> "user.enrolled".equals(d.type()) && d.answeredStatus() == 200)
                .findFirst().orElseThrow().id();
        as(key).post(S + "/webhook-deliveries/" + enrolled + ":retry").then().statusCode(202);
        assertThat(platform.awaitDeliveries(got.size() + 1, Duration.ofSeconds(20))).isTrue();
        assertThat(platform.duplicateIds()).containsExactly(enrolled);
        // and a ping
        as(key).post(S + "/webhooks/" + hookId + ":ping").then().statusCode(202);
        assertThat(platform.awaitDeliveries(got.size() + 2, Duration.ofSeconds(20))).isTrue();
        assertThat(platform.deliveries().get(got.size() + 1).type()).isEqualTo("webhook.ping");
    }
}
