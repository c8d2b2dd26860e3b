package com.userautomations.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import com.userautomations.support.OutboundToLocalhost;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * Deliveries end to end, through REST the way the platform uses them: a real receiver on
 * 127.0.0.1 that checks every signature with its own Standard Webhooks verifier.
 */
@QuarkusTest
@TestProfile(OutboundToLocalhost.class)
@QuarkusTestResource(GreenMailResource.class)
class WebhookDeliveryTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String endpoint(School s, WebhookReceiver receiver, String events) {
        var created = s.key.req().body("{\"url\": \"" + receiver.url("/in") + "\", \"events\": " + events + "}")
                .post(s.key.path("/webhooks")).then().statusCode(201).extract();
        receiver.trust(created.path("secret"));
        return created.path("id");
    }

    private static JsonNode body(WebhookReceiver.Delivery d) {
        try {
            return JSON.readTree(d.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, JsonNode> byType(WebhookReceiver receiver) {
        return receiver.deliveries().stream().collect(Collectors.toMap(WebhookReceiver.Delivery::type,
                d -> body(d).get("data"), (a, b) -> a));
    }

    @Test
    void everyChangeAnAutomationMadeReachesThePlatformSignedWithWhatCausedIt() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            School s = School.create("whd").course("c1", false).space("s1", false);
            String hook = endpoint(s, receiver, "[\"*\"]");
            String a = s.automation("""
                    {"name": "Welcome", "triggers": [{"type": "user.signed_up"}],
                     "actions": [{"type": "enroll", "courseIds": ["c1"]}, {"type": "add_tags", "tags": ["b", "a"]},
                                 {"type": "add_to_space", "spaceIds": ["s1"]},
                                 {"type": "send_webhook", "webhookId": "%s",
                                  "payload": {"hello": "{user.firstName}", "course": "{course.title}", "n": 2}}]}"""
                    .formatted(hook));
            String runId = s.event("""
                    {"id": "e1", "type": "user.signed_up", "userId": "u1", "occurredAt": "2026-12-01T10:00:00Z",
                     "user": {"email": "ann@whd.test", "firstName": "Ann"}}""").extract().path("runs[0].runId");

            assertThat(receiver.awaitDeliveries(5, Duration.ofSeconds(20))).as("five deliveries").isTrue();
            assertThat(receiver.deliveries()).allSatisfy(d -> assertThat(d.verified()).as(d.failure()).isTrue());
            Map<String, JsonNode> got = byType(receiver);
            assertThat(got).containsOnlyKeys("user.enrolled", "tags.added", "space.joined", "automation.webhook",
                    "run.completed");
            for (JsonNode data : got.values()) {
                assertThat(data.get("schoolId").textValue()).isEqualTo(s.id());
                assertThat(data.get("userId").textValue()).isEqualTo("u1");
                assertThat(data.get("automationId").textValue()).isEqualTo(a);
                assertThat(data.get("version").intValue()).isEqualTo(1);
                assertThat(data.get("runId").textValue()).isEqualTo(runId);
                assertThat(data.get("eventId").textValue()).isEqualTo("e1");
                assertThat(data.get("occurredAt").textValue()).isEqualTo("2026-12-01T10:00:00Z");
            }
            assertThat(got.get("user.enrolled").get("courseId").textValue()).isEqualTo("c1");
            assertThat(got.get("user.enrolled").get("step").textValue()).isEqualTo("actions[0]");
            assertThat(got.get("tags.added").get("tags").toString()).isEqualTo("[\"a\",\"b\"]");
            assertThat(got.get("space.joined").get("spaceId").textValue()).isEqualTo("s1");
            assertThat(got.get("automation.webhook").get("hello").textValue()).isEqualTo("Ann");
            assertThat(got.get("automation.webhook").get("course").textValue()).isEqualTo("Course c1");
            assertThat(got.get("automation.webhook").get("n").intValue()).isEqualTo(2);
            assertThat(got.get("automation.webhook").get("step").textValue()).isEqualTo("actions[3]");
            assertThat(got.get("run.completed").get("status").textValue()).isEqualTo("completed");
            assertThat(got.get("run.completed").get("step").isNull()).isTrue();
            assertThat(receiver.duplicateIds()).isEmpty();
            WebhookReceiver.Delivery first = receiver.deliveries().get(0);
            assertThat(first.id()).matches("msg_[0-9A-Za-z]{26}");
            assertThat(body(first).get("type").textValue()).isEqualTo(first.type());

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    s.get("/webhooks/" + hook + "/deliveries?status=delivered").statusCode(200).body("items", hasSize(5)));
        }
    }

    @jakarta.inject.Inject
    com.userautomations.backfill.BackfillWorker backfills;

    @Test
    void aBackfillsRunsTellThePlatformTheirJobInsteadOfAnEvent() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            School s = School.create("whb").user("u1", Map.of("email", "ann@whb.test", "firstName", "Ann"));
            String hook = endpoint(s, receiver, "[\"*\"]");
            String a = s.automation("""
                    {"name": "Tag", "triggers": [{"type": "user.signed_up"}],
                     "actions": [{"type": "add_tags", "tags": ["b"]},
                                 {"type": "send_webhook", "webhookId": "%s", "payload": {"hello": "{user.firstName}"}}]}"""
                    .formatted(hook));
            String jobId = s.key.req().post(s.key.path("/automations/" + a + ":backfill")).then().statusCode(202)
                    .extract().path("jobId");
            backfills.work();
            assertThat(receiver.awaitDeliveries(3, Duration.ofSeconds(20))).as("three deliveries").isTrue();
            Map<String, JsonNode> got = byType(receiver);
            assertThat(got).containsOnlyKeys("tags.added", "automation.webhook", "run.completed");
            for (JsonNode data : got.values()) {
                assertThat(data.get("automationId").textValue()).isEqualTo(a);
                assertThat(data.get("eventId").isNull()).isTrue();
                assertThat(data.get("occurredAt").isNull()).isTrue();
                assertThat(data.get("jobId").textValue()).isEqualTo(jobId);
                assertThat(data.has("trigger")).isFalse();
            }
            assertThat(got.get("automation.webhook").get("hello").textValue()).isEqualTo("Ann");
        }
    }

    @Test
    void onlySubscribedTypesAreSentAndNoChangeMeansNoDelivery() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            School s = School.create("whs").course("c1", false);
            endpoint(s, receiver, "[\"user.enrolled\"]");
            s.automation("""
                    {"name": "Enroll", "triggers": [{"type": "tags.added", "tags": ["go"]}],
                     "actions": [{"type": "enroll", "courseIds": ["c1"]}, {"type": "add_tags", "tags": ["x"]}]}""");
            s.user("u1", Map.of("email", "u1@whs.test"));
            s.event("{\"id\": \"t1\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"go\"]}");
            // the second event changes nothing: the enrollment and the tag are there already
            s.event("{\"id\": \"t2\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"go\"]}");
            // a refused event changes nothing and sends nothing
            s.post("{\"id\": \"t3\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"go\"], \"bogus\": 1}")
                    .statusCode(422);

            assertThat(receiver.awaitDeliveries(1, Duration.ofSeconds(20))).isTrue();
            Thread.sleep(1500); // anything else queued would have left by now (the outbox polls every second)
            assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::type).containsExactly("user.enrolled");
        }
    }

    @Test
    void aFailingEndpointIsRetriedWithTheSameWebhookIdAndABrokenOneStaysFailedUntilRetried() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            School s = School.create("whr");
            String hook = endpoint(s, receiver, "[\"tags.added\"]");
            s.automation("""
                    {"name": "Tag", "triggers": [{"type": "user.signed_up"}],
                     "actions": [{"type": "add_tags", "tags": ["new"]}]}""");
            receiver.failFirst(2);
            s.event("{\"id\": \"e1\", \"type\": \"user.signed_up\", \"userId\": \"u1\", \"user\": {\"email\": \"u1@whr.test\"}}");

            assertThat(receiver.awaitDeliveries(3, Duration.ofSeconds(20))).isTrue();
            List<WebhookReceiver.Delivery> got = receiver.deliveries();
            assertThat(got).extracting(WebhookReceiver.Delivery::id).containsOnly(got.get(0).id());
            assertThat(got).extracting(WebhookReceiver.Delivery::body).containsOnly(got.get(0).body());
            assertThat(got).allSatisfy(d -> assertThat(d.verified()).isTrue());
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> s.get("/webhooks/" + hook + "/deliveries")
                    .body("items[0].status", equalTo("delivered")).body("items[0].attempts", equalTo(3))
                    .body("items[0].lastStatusCode", equalTo(200)));

            // a replay: the same webhook-id again, attempts counting on
            String id = got.get(0).id();
            s.key.req().post(s.key.path("/webhook-deliveries/" + id + ":retry")).then().statusCode(202);
            assertThat(receiver.awaitDeliveries(4, Duration.ofSeconds(20))).isTrue();
            assertThat(receiver.deliveries().get(3).id()).isEqualTo(id);
            assertThat(receiver.duplicateIds()).containsExactly(id);
        }
    }

    @Test
    void aGoneEndpointIsDisabledItsQueueFailsAndTheAdminsAreTold() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            School s = School.create("whg");
            String hook = endpoint(s, receiver, "[\"*\"]");
            s.automation("""
                    {"name": "Tag", "triggers": [{"type": "user.signed_up"}],
                     "actions": [{"type": "add_tags", "tags": ["new"]}]}""");
            receiver.script(WebhookReceiver.Reply.gone());
            s.event("{\"id\": \"e1\", \"type\": \"user.signed_up\", \"userId\": \"u1\", \"user\": {\"email\": \"u1@whg.test\"}}");

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/webhooks/" + hook)
                    .body("status", equalTo("disabled")).body("disabledReason", equalTo(WebhookFailures.GONE)));
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    GreenMailResource.receivedBy(s.adminEmail(0)).stream().anyMatch(m -> {
                        try {
                            return m.getSubject().contains(hook);
                        } catch (Exception e) {
                            return false;
                        }
                    }));
            // later changes are not sent to a disabled endpoint; a ping is
            int before = receiver.deliveries().size();
            s.event("{\"id\": \"e2\", \"type\": \"user.signed_up\", \"userId\": \"u2\", \"user\": {\"email\": \"u2@whg.test\"}}");
            s.key.req().post(s.key.path("/webhooks/" + hook + ":ping")).then().statusCode(202);
            assertThat(receiver.awaitDeliveries(before + 1, Duration.ofSeconds(20))).isTrue();
            Thread.sleep(1500);
            assertThat(receiver.deliveries().subList(before, receiver.deliveries().size()))
                    .extracting(WebhookReceiver.Delivery::type).containsExactly("webhook.ping");
        }
    }

    @Test
    void aSendWebhookToAnEndpointOfAnotherSchoolIsRefusedAtSave() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start()) {
            School other = School.create("who");
            String theirs = endpoint(other, receiver, "[\"*\"]");
            School s = School.create("whm");
            s.key.req().body("""
                    {"name": "Steal", "triggers": [{"type": "user.signed_up"}],
                     "actions": [{"type": "send_webhook", "webhookId": "%s", "payload": {}}]}""".formatted(theirs))
                    .post(s.key.path("/automations")).then().statusCode(422)
                    .body("errors[0].field", equalTo("actions[0].webhookId"));
        }
    }
}
