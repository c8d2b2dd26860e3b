package com.userautomations.webhooks;

import com.userautomations.common.Sql;
import com.userautomations.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * The delivery log through REST. Nothing enqueues deliveries yet (the outbox does, later), so
 * the rows are written here as the outbox will write them.
 */
@QuarkusTest
class WebhookDeliveriesTest {
    @Inject
    Sql sql;

    private String delivery(Api.SchoolKey s, String webhookId, String status, Instant createdAt, Integer code, String error) {
        String id = MessageId.generate();
        sql.update("INSERT INTO webhook_deliveries (id, school_id, status, attempts, next_attempt_at, target, created_at, "
                        + "webhook_id, type, body, user_id, run_id, last_status_code, last_error, delivered_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, s.id(), status, code == null ? 0 : 1, createdAt.plusSeconds(5), webhookId, createdAt, webhookId, "tags.added",
                "{\"type\":\"tags.added\"}", "u1", "run_1", code, error, "delivered".equals(status) ? createdAt.plusSeconds(1) : null);
        return id;
    }

    private static String endpoint(Api.SchoolKey s) {
        return s.req().body(Map.of("url", "https://hooks.example.com/in", "events", List.of("*"))).post(s.path("/webhooks"))
                .then().statusCode(201).extract().path("id");
    }

    /** Rows dated in 2099: a queued one due in the past would be claimed by the outbox (sending) while the test reads. */
    @Test
    void anEndpointsDeliveriesNewestFirstByStatusAndPaged() {
        Api.SchoolKey s = Api.newSchool("dlv");
        String hook = endpoint(s);
        String otherHook = endpoint(s);
        Instant t = Instant.parse("2099-12-04T10:00:00Z");
        String oldest = delivery(s, hook, "delivered", t, 200, null);
        String failed = delivery(s, hook, "failed", t.plusSeconds(10), 500, "The endpoint answered 500.");
        String queued = delivery(s, hook, "queued", t.plusSeconds(20), null, null);
        delivery(s, otherHook, "queued", t.plusSeconds(30), null, null);

        s.req().get(s.path("/webhooks/" + hook + "/deliveries")).then().statusCode(200)
                .body("items.id", contains(queued, failed, oldest)).body("nextCursor", nullValue())
                .body("items[0].status", equalTo("queued")).body("items[0].nextAttemptAt", equalTo("2099-12-04T10:00:25Z"))
                .body("items[0].lastStatusCode", nullValue()).body("items[0].webhookId", equalTo(hook))
                .body("items[0].type", equalTo("tags.added")).body("items[0].userId", equalTo("u1"))
                .body("items[0].runId", equalTo("run_1")).body("items[0].createdAt", equalTo("2099-12-04T10:00:20Z"))
                .body("items[1].error", equalTo("The endpoint answered 500.")).body("items[1].lastStatusCode", equalTo(500))
                .body("items[1].nextAttemptAt", nullValue()).body("items[1].attempts", equalTo(1))
                .body("items[2].deliveredAt", equalTo("2099-12-04T10:00:01Z"));
        s.req().get(s.path("/webhooks/" + hook + "/deliveries?status=failed")).then().statusCode(200)
                .body("items.id", contains(failed));
        s.req().get(s.path("/webhooks/" + hook + "/deliveries?status=sending")).then().statusCode(200).body("items", empty());

        Response first = s.req().get(s.path("/webhooks/" + hook + "/deliveries?limit=2"));
        List<String> ids = new ArrayList<>(first.then().statusCode(200).extract().<List<String>>path("items.id"));
        String cursor = first.path("nextCursor");
        s.req().queryParam("limit", 2).queryParam("cursor", cursor).get(s.path("/webhooks/" + hook + "/deliveries"))
                .then().statusCode(200).body("nextCursor", nullValue()).extract().<List<String>>path("items.id").forEach(ids::add);
        assertThat(ids).containsExactly(queued, failed, oldest);
        // a cursor serves its own filters only
        s.req().queryParam("limit", 2).queryParam("cursor", cursor).queryParam("status", "queued")
                .get(s.path("/webhooks/" + hook + "/deliveries")).then().statusCode(422).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void badParametersUnknownEndpointsAndOtherSchools() {
        Api.SchoolKey s = Api.newSchool("dlv");
        Api.SchoolKey other = Api.newSchool("dlv");
        String hook = endpoint(s);
        delivery(s, hook, "queued", Instant.now(), null, null);
        s.req().get(s.path("/webhooks/" + hook + "/deliveries?status=sent")).then().statusCode(422)
                .body("errors[0].field", equalTo("status"));
        s.req().get(s.path("/webhooks/" + hook + "/deliveries?limit=1001")).then().statusCode(422)
                .body("errors[0].field", equalTo("limit"));
        s.req().get(s.path("/webhooks/" + hook + "/deliveries?userId=u1")).then().statusCode(422)
                .body("errors[0].field", equalTo("userId"));
        s.req().get(s.path("/webhooks/whk_nosuchendpoint00/deliveries")).then().statusCode(404);
        other.req().get(s.path("/webhooks/" + hook + "/deliveries")).then().statusCode(404);
        other.req().get(other.path("/webhooks/" + hook + "/deliveries")).then().statusCode(404);
        s.req().get(s.path("/webhooks/" + hook + "/deliveries")).then().statusCode(200).body("items.size()", equalTo(1));
    }
}
