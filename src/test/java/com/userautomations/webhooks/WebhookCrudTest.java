package com.userautomations.webhooks;

import com.userautomations.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** Endpoints through REST on PostgreSQL: create, read, list, change, delete; who is subscribed to what. */
@QuarkusTest
class WebhookCrudTest {
    static final String URL = "https://hooks.example.com/in";

    @Inject
    WebhookEndpoints endpoints;

    static Response create(Api.SchoolKey s, Object body) {
        return s.req().body(body).post(s.path("/webhooks"));
    }

    @Test
    void theSecretIsShownOnceAndNeverRead() {
        Api.SchoolKey s = Api.newSchool("whk");
        Response created = create(s, Map.of("url", URL, "events", List.of("user.enrolled", "tags.added"),
                "description", "LMS sync"));
        created.then().statusCode(201).header("Cache-Control", "no-store")
                .body("id", startsWith("whk_")).body("url", equalTo(URL))
                .body("events", contains("user.enrolled", "tags.added")).body("description", equalTo("LMS sync"))
                .body("status", equalTo("enabled")).body("disabledReason", nullValue()).body("disabledAt", nullValue())
                .body("createdAt", notNullValue()).body("updatedAt", notNullValue());
        String id = created.path("id");
        String secret = created.path("secret");
        assertThat(secret).matches("whsec_[A-Za-z0-9+/]{43}=");
        assertThat(id).doesNotContain(".", ":").matches("whk_[a-z0-9]{16}");

        String one = s.req().get(s.path("/webhooks/" + id)).then().statusCode(200)
                .body("$", not(hasKey("secret"))).body("url", equalTo(URL)).extract().asString();
        String list = s.req().get(s.path("/webhooks")).then().statusCode(200)
                .body("items.id", contains(id)).body("items[0]", not(hasKey("secret"))).body("nextCursor", nullValue())
                .extract().asString();
        assertThat(one + list).doesNotContain(secret.substring(6, 30));
        assertThat(endpoints.secretsFor(id, Instant.now())).extracting(WebhookSecret::value).containsExactly(secret);
    }

    @Test
    void patchChangesTheKeysGivenAndEnablingClearsWhyItWasDisabled() {
        Api.SchoolKey s = Api.newSchool("whk");
        String id = create(s, Map.of("url", URL, "events", List.of("*"))).then().statusCode(201)
                .body("description", nullValue()).body("events", contains("*")).extract().path("id");
        s.req().body(Map.of("url", "https://hooks.example.com/v2", "events", List.of("run.failed"), "description", "v2"))
                .patch(s.path("/webhooks/" + id)).then().statusCode(200)
                .body("url", equalTo("https://hooks.example.com/v2")).body("events", contains("run.failed"))
                .body("description", equalTo("v2")).body("status", equalTo("enabled")).body("$", not(hasKey("secret")));
        // null is absent: nothing changes
        s.req().body("{\"url\": null, \"events\": null, \"description\": null, \"status\": null}")
                .patch(s.path("/webhooks/" + id)).then().statusCode(200)
                .body("url", equalTo("https://hooks.example.com/v2")).body("description", equalTo("v2"));

        s.req().body(Map.of("status", "disabled")).patch(s.path("/webhooks/" + id)).then().statusCode(200)
                .body("status", equalTo("disabled")).body("disabledReason", equalTo("The school disabled this endpoint."))
                .body("disabledAt", notNullValue());
        assertThat(endpoints.subscribed(s.id(), WebhookEventType.RUN_FAILED)).isEmpty();

        // disabled by the outbox (a 410): the reason it gives is what the school reads, until enabled again
        s.req().body(Map.of("status", "enabled")).patch(s.path("/webhooks/" + id)).then().statusCode(200);
        assertThat(endpoints.disable(id, "The endpoint answered 410 Gone.", Instant.parse("2026-12-04T10:00:00Z"))).isTrue();
        assertThat(endpoints.disable(id, "again", Instant.now())).isFalse();
        s.req().get(s.path("/webhooks/" + id)).then().statusCode(200).body("status", equalTo("disabled"))
                .body("disabledReason", equalTo("The endpoint answered 410 Gone."))
                .body("disabledAt", equalTo("2026-12-04T10:00:00Z"));
        assertThat(endpoints.find(s.id(), id)).get().extracting(WebhookEndpoint::enabled).isEqualTo(false);
        s.req().body(Map.of("status", "enabled")).patch(s.path("/webhooks/" + id)).then().statusCode(200)
                .body("status", equalTo("enabled")).body("disabledReason", nullValue()).body("disabledAt", nullValue());
        assertThat(endpoints.subscribed(s.id(), WebhookEventType.RUN_FAILED)).extracting(WebhookEndpoint::id).containsExactly(id);
    }

    @Test
    void deleteAnswers204ThenTheEndpointIsGone() {
        Api.SchoolKey s = Api.newSchool("whk");
        String id = create(s, Map.of("url", URL, "events", List.of("tags.added"))).then().statusCode(201).extract().path("id");
        s.req().delete(s.path("/webhooks/" + id)).then().statusCode(204);
        s.req().get(s.path("/webhooks/" + id)).then().statusCode(404).contentType(startsWith("application/problem+json"));
        s.req().delete(s.path("/webhooks/" + id)).then().statusCode(404);
        s.req().body(Map.of("status", "enabled")).patch(s.path("/webhooks/" + id)).then().statusCode(404);
        s.req().post(s.path("/webhooks/" + id + ":rotate-secret")).then().statusCode(404);
        s.req().get(s.path("/webhooks")).then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        assertThat(endpoints.subscribed(s.id(), WebhookEventType.TAGS_ADDED)).isEmpty();
        assertThat(endpoints.secretsFor(id, Instant.now())).isEmpty();
        assertThat(endpoints.find(s.id(), id)).isEmpty();
    }

    @Test
    void subscribedIsTheEnabledEndpointsListingTheTypeOrStarNeverForAPing() {
        Api.SchoolKey s = Api.newSchool("whk");
        Api.SchoolKey other = Api.newSchool("whk");
        String tags = create(s, Map.of("url", URL, "events", List.of("tags.added", "tags.removed"))).path("id");
        String all = create(s, Map.of("url", URL, "events", List.of("*"))).path("id");
        String runs = create(s, Map.of("url", URL, "events", List.of("run.completed"))).path("id");
        create(other, Map.of("url", URL, "events", List.of("*"))).then().statusCode(201);

        assertThat(endpoints.subscribed(s.id(), WebhookEventType.TAGS_ADDED)).extracting(WebhookEndpoint::id)
                .containsExactlyInAnyOrder(tags, all);
        assertThat(endpoints.subscribed(s.id(), WebhookEventType.RUN_COMPLETED)).extracting(WebhookEndpoint::id)
                .containsExactlyInAnyOrder(runs, all);
        assertThat(endpoints.subscribed(s.id(), WebhookEventType.AUTOMATION_WEBHOOK)).extracting(WebhookEndpoint::id)
                .containsExactly(all);
        assertThat(endpoints.subscribed(s.id(), WebhookEventType.WEBHOOK_PING)).isEmpty();
        // a change in this process is seen at once, cache or not
        s.req().body(Map.of("events", List.of("tags.added"))).patch(s.path("/webhooks/" + runs)).then().statusCode(200);
        assertThat(endpoints.subscribed(s.id(), WebhookEventType.RUN_COMPLETED)).extracting(WebhookEndpoint::id).containsExactly(all);
        assertThat(endpoints.subscribed(s.id(), WebhookEventType.TAGS_ADDED)).extracting(WebhookEndpoint::id)
                .containsExactlyInAnyOrder(tags, all, runs);
        s.req().delete(s.path("/webhooks/" + all)).then().statusCode(204);
        assertThat(endpoints.subscribed(s.id(), WebhookEventType.AUTOMATION_WEBHOOK)).isEmpty();
    }

    @Test
    void atMostTwentyPerSchool() {
        Api.SchoolKey s = Api.newSchool("whk");
        String first = null;
        for (int i = 0; i < WebhookService.MAX_PER_SCHOOL; i++) {
            String id = create(s, Map.of("url", URL + i, "events", List.of("tags.added"))).then().statusCode(201).extract().path("id");
            first = first == null ? id : first;
        }
        create(s, Map.of("url", URL, "events", List.of("tags.added"))).then().statusCode(422)
                .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo(""));
        s.req().get(s.path("/webhooks?limit=15")).then().statusCode(200).body("items.size()", equalTo(15))
                .body("nextCursor", notNullValue());
        s.req().delete(s.path("/webhooks/" + first)).then().statusCode(204);
        create(s, Map.of("url", URL, "events", List.of("tags.added"))).then().statusCode(201);
        // the limit is per school
        create(Api.newSchool("whk"), Map.of("url", URL, "events", List.of("tags.added"))).then().statusCode(201);
    }

    @Test
    void createsRacingForTheLastPlaceGetOneOfIt() throws Exception {
        Api.SchoolKey s = Api.newSchool("whk");
        for (int i = 0; i < WebhookService.MAX_PER_SCHOOL - 1; i++) {
            create(s, Map.of("url", URL, "events", List.of("tags.added"))).then().statusCode(201);
        }
        var start = new java.util.concurrent.CountDownLatch(1);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return create(s, Map.of("url", URL, "events", List.of("tags.added"))).statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var a : answers) {
                statuses.add(a.get(30, java.util.concurrent.TimeUnit.SECONDS));
            }
            assertThat(statuses).containsExactlyInAnyOrder(201, 422, 422, 422);
        } finally {
            pool.shutdownNow();
        }
        s.req().get(s.path("/webhooks")).then().body("items.size()", equalTo(WebhookService.MAX_PER_SCHOOL));
    }

    @Test
    void listsPageById() {
        Api.SchoolKey s = Api.newSchool("whk");
        for (int i = 0; i < 3; i++) {
            create(s, Map.of("url", URL, "events", List.of("tags.added"))).then().statusCode(201);
        }
        Response first = s.req().get(s.path("/webhooks?limit=2"));
        first.then().statusCode(200).body("items.size()", equalTo(2));
        List<String> ids = new java.util.ArrayList<>(first.path("items.id"));
        s.req().queryParam("limit", 2).queryParam("cursor", (String) first.path("nextCursor")).get(s.path("/webhooks"))
                .then().statusCode(200).body("items.size()", equalTo(1)).body("nextCursor", nullValue())
                .extract().<List<String>>path("items.id").forEach(ids::add);
        assertThat(ids).isSorted().doesNotHaveDuplicates().hasSize(3);
        s.req().get(s.path("/webhooks?limit=0")).then().statusCode(422).body("errors[0].field", equalTo("limit"));
        s.req().get(s.path("/webhooks?status=enabled")).then().statusCode(422).body("errors[0].field", equalTo("status"));
    }
}
