package com.userautomations.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.userautomations.support.GreenMailResource;
import com.userautomations.support.OutboundToLocalhost;
import com.userautomations.support.School;
import com.userautomations.webhooks.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * send_push end to end: a push service stand-in on 127.0.0.1 checks each request's VAPID JWT and
 * decrypts it with the subscription's private key, as the learner's browser would.
 */
@QuarkusTest
@TestProfile(OutboundToLocalhost.class)
@QuarkusTestResource(GreenMailResource.class)
class WebPushDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String vapidKey(School s) {
        return s.get("/push/vapid-public-key").statusCode(200).extract().path("publicKey");
    }

    private static void subscribe(School s, String user, String id, PushServiceStandIn.BrowserSubscription sub) {
        s.key.req().body(sub.toJson()).put(s.key.path("/users/" + user + "/push-subscriptions/" + id))
                .then().statusCode(201);
    }

    @Test
    void theLearnersBrowserReadsExactlyWhatTheAutomationRendered() throws Exception {
        try (PushServiceStandIn service = PushServiceStandIn.start()) {
            School s = School.create("push").course("py", false)
                    .user("u1", Map.of("email", "u1@push.test", "firstName", "Zoë"));
            subscribe(s, "u1", "laptop", service.subscribe(vapidKey(s)));
            subscribe(s, "u1", "phone", service.subscribe(vapidKey(s)));
            String a = s.automation("""
                    {"name": "Nudge", "triggers": [{"type": "user.enrolled", "courseIds": ["py"]}],
                     "actions": [{"type": "send_push", "title": "{course.title} is ready, {user.firstName}",
                                  "body": "Start with lesson one.", "url": "/courses/py"}]}""");
            s.event("{\"id\": \"e1\", \"type\": \"user.enrolled\", \"userId\": \"u1\", \"courseId\": \"py\"}")
                    .body("runs[0].status", equalTo("completed"));

            assertThat(service.await(2, Duration.ofSeconds(20))).isTrue();
            for (PushServiceStandIn.Received r : service.received()) {
                assertThat(r.problem()).isNull();
                JsonNode shown = JSON.readTree(r.text());
                assertThat(shown.get("title").textValue()).isEqualTo("Course py is ready, Zoë");
                assertThat(shown.get("body").textValue()).isEqualTo("Start with lesson one.");
                assertThat(shown.get("url").textValue()).isEqualTo("/courses/py");
                assertThat(r.headers().get("content-encoding")).isEqualTo("aes128gcm");
                assertThat(r.headers().get("ttl")).isEqualTo("86400");
            }
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                s.get("/pushes?automationId=" + a).statusCode(200).body("items", hasSize(2))
                        .body("items.status", org.hamcrest.Matchers.everyItem(equalTo("sent")));
                s.get("/runs?automationId=" + a).body("items[0].actions[0].status", equalTo("done"));
            });
        }
    }

    @Test
    void aGoneSubscriptionIsRemovedAndThePushFailsAndThePlatformHearsOfIt() throws Exception {
        try (PushServiceStandIn service = PushServiceStandIn.start();
             WebhookReceiver platform = WebhookReceiver.start()) {
            School s = School.create("push").user("u1", Map.of("email", "u1@push.test"));
            var hook = s.key.req().body("{\"url\": \"" + platform.url("/in") + "\", \"events\": [\"push.failed\"]}")
                    .post(s.key.path("/webhooks")).then().statusCode(201).extract();
            platform.trust(hook.path("secret"));
            subscribe(s, "u1", "old", service.subscribe(vapidKey(s)));
            service.script(PushServiceStandIn.Answer.status(410));
            String a = s.automation("""
                    {"name": "Ping", "triggers": [{"type": "coupon.claimed"}],
                     "actions": [{"type": "send_push", "title": "T", "body": "B"}]}""");
            s.event("{\"id\": \"c1\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"X\"}");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                s.get("/pushes?userId=u1").body("items[0].status", equalTo("failed"))
                        .body("items[0].error", equalTo("the subscription has expired"));
                s.get("/users/u1/push-subscriptions").statusCode(200).body("items", hasSize(0));
                s.get("/runs?automationId=" + a).body("items[0].actions[0].status", equalTo("failed"));
            });
            assertThat(platform.awaitDeliveries(1, Duration.ofSeconds(20))).isTrue();
            JsonNode data = JSON.readTree(platform.deliveries().get(0).body()).get("data");
            assertThat(data.get("subscriptionId").textValue()).isEqualTo("old");
            assertThat(data.get("automationId").textValue()).isEqualTo(a);
            assertThat(data.get("eventId").textValue()).isEqualTo("c1");
            assertThat(data.get("error").textValue()).isEqualTo("the subscription has expired");

            // with no subscription left, the next push is skipped and says why
            s.event("{\"id\": \"c2\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"Y\"}");
            s.get("/runs?automationId=" + a).body("items[0].actions[0].status", equalTo("skipped"))
                    .body("items[0].actions[0].error", equalTo("the user has no push subscription"));
        }
    }

    @Test
    void aBusyPushServiceIsAskedAgainUntilItTakesThePush() throws Exception {
        try (PushServiceStandIn service = PushServiceStandIn.start()) {
            School s = School.create("push").user("u1", Map.of("email", "u1@push.test"));
            subscribe(s, "u1", "s1", service.subscribe(vapidKey(s)));
            service.script(PushServiceStandIn.Answer.tooManyRequests(1), PushServiceStandIn.Answer.status(503));
            s.automation("""
                    {"name": "Ping", "triggers": [{"type": "coupon.claimed"}],
                     "actions": [{"type": "send_push", "title": "T", "body": "B"}]}""");
            s.event("{\"id\": \"c1\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"X\"}");

            assertThat(service.await(3, Duration.ofSeconds(20))).isTrue();
            assertThat(service.received()).extracting(PushServiceStandIn.Received::answered).containsExactly(429, 503, 201);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    s.get("/pushes?userId=u1").body("items[0].status", equalTo("sent")).body("items[0].attempts", equalTo(3)));
        }
    }
}
