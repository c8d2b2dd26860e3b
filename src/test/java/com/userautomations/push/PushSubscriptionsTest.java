package com.userautomations.push;

import com.userautomations.common.Sql;
import com.userautomations.push.PushServiceStandIn.BrowserSubscription;
import com.userautomations.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/** The subscriptions API and the VAPID key through REST, on PostgreSQL. */
@QuarkusTest
class PushSubscriptionsTest {
    private static final String P256DH = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";

    @Inject
    VapidKeyStore keys;
    @Inject
    PushSubscriptionStore store;
    @Inject
    Sql sql;

    private final PushServiceStandIn service = PushServiceStandIn.start();

    @AfterEach
    void close() {
        service.close();
    }

    private static Api.SchoolKey schoolWithUser(String userId) {
        Api.SchoolKey s = Api.newSchool("push");
        s.req().body(Map.of("email", userId + "@corp.test")).put(s.path("/users/" + userId)).then().statusCode(201);
        return s;
    }

    private static Map<String, Object> subscription(String endpoint, Object expirationTime) {
        Map<String, Object> body = new HashMap<>();
        body.put("endpoint", endpoint);
        body.put("expirationTime", expirationTime);
        body.put("keys", Map.of("p256dh", P256DH, "auth", AUTH));
        return body;
    }

    @Test
    void theVapidPublicKeyIsTheOneStoredForEveryProcess() {
        Api.SchoolKey s = Api.newSchool("push");
        String publicKey = s.req().get(s.path("/push/vapid-public-key")).then().statusCode(200)
                .extract().path("publicKey");
        assertThat(publicKey).isEqualTo(keys.keys().publicKeyBase64Url()).hasSize(87);
        String stored = sql.one("SELECT public_key FROM vapid_keys WHERE id = 1", rs -> rs.getString(1)).orElseThrow();
        assertThat(stored).isEqualTo(publicKey);
        // another process starting on this database reads the same pair instead of making its own
        assertThat(new VapidKeyStore(sql, new NoVapidConfig()).keys()).isEqualTo(keys.keys());
        Api.SchoolKey other = Api.newSchool("push");
        other.req().get(other.path("/push/vapid-public-key")).then().statusCode(200).body("publicKey", equalTo(publicKey));
        RestAssured.given().get(s.path("/push/vapid-public-key")).then().statusCode(401);
    }

    @Test
    void aPutCreatesThenReplacesAndTheListNeverShowsKeys() {
        Api.SchoolKey s = schoolWithUser("ann");
        String path = s.path("/users/ann/push-subscriptions/laptop");
        String createdAt = s.req().body(subscription("https://push.example.net/send/abc", null)).put(path).then()
                .statusCode(201)
                .body("id", equalTo("laptop"))
                .body("endpoint", equalTo("https://push.example.net/send/abc"))
                .body("expirationTime", nullValue())
                .body("$", not(hasKey("keys")))
                .extract().path("createdAt");

        BrowserSubscription browser = service.subscribe("https://push.example.net", null);
        Map<String, Object> replaced = browser.toJson();
        replaced.put("expirationTime", 4102444800000L); // 2100-01-01
        replaced.put("id", "laptop"); // read-only, equal: ignored
        s.req().body(replaced).put(path).then().statusCode(200)
                .body("endpoint", equalTo(browser.endpoint()))
                .body("expirationTime", equalTo(4102444800000L))
                .body("createdAt", equalTo(createdAt));

        s.req().get(s.path("/users/ann/push-subscriptions")).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo("laptop"))
                .body("items[0].endpoint", equalTo(browser.endpoint()))
                .body("items[0].expirationTime", equalTo(4102444800000L))
                .body("items[0].createdAt", equalTo(createdAt))
                .body("items[0]", not(hasKey("keys")));
        PushSubscription row = store.find(s.id(), "ann", "laptop").orElseThrow();
        assertThat(row.keys().p256dhBase64Url()).isEqualTo(browser.p256dh());
        assertThat(row.keys().authBase64Url()).isEqualTo(browser.auth());
        assertThat(row.expirationTime()).isEqualTo(Instant.ofEpochMilli(4102444800000L));
    }

    @Test
    void aStoredSubscriptionGetsPushesItsBrowserCanRead() throws Exception {
        Api.SchoolKey s = schoolWithUser("ann");
        BrowserSubscription browser = service.subscribe("https://push.example.net", keys.keys().publicKeyBase64Url());
        s.req().body(browser.toJson()).put(s.path("/users/ann/push-subscriptions/phone")).then().statusCode(201);
        PushSubscription stored = store.live(s.id(), "ann", Instant.now()).get(0);
        WebPushRequest push = WebPushRequest.of(stored, new PushMessage("Hi Ann", "New lesson", null), Duration.ofHours(1),
                keys.keys(), "mailto:ops@school.test", Instant.now());
        assertThat(push.headers().get("Authorization")).endsWith("k=" + browser.applicationServerKey());
        assertThat(new String(PushServiceStandIn.decrypt(push.body(), browser), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("{\"title\":\"Hi Ann\",\"body\":\"New lesson\"}");
        assertThat(stored.target()).isEqualTo("https://push.example.net");
    }

    @Test
    void theSameEndpointUnderANewIdOrForAnotherUserReplacesTheOld() {
        Api.SchoolKey s = schoolWithUser("ann");
        s.req().body(Map.of("email", "bob@corp.test")).put(s.path("/users/bob")).then().statusCode(201);
        String endpoint = "https://push.example.net/send/shared";
        s.req().body(subscription(endpoint, null)).put(s.path("/users/ann/push-subscriptions/old")).then().statusCode(201);
        s.req().body(subscription(endpoint, null)).put(s.path("/users/ann/push-subscriptions/new")).then().statusCode(201);
        s.req().get(s.path("/users/ann/push-subscriptions")).then().body("items.id", contains("new"));

        s.req().body(subscription(endpoint, null)).put(s.path("/users/bob/push-subscriptions/new")).then().statusCode(201);
        s.req().get(s.path("/users/ann/push-subscriptions")).then().body("items", hasSize(0));
        s.req().get(s.path("/users/bob/push-subscriptions")).then().body("items.id", contains("new"));
    }

    @Test
    void twoSavesOfOneEndpointAtOnceBothSucceedAndOneRowRemains() throws Exception {
        Api.SchoolKey s = schoolWithUser("ann");
        s.req().body(Map.of("email", "bob@corp.test")).put(s.path("/users/bob")).then().statusCode(201);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                String endpoint = "https://push.example.net/send/race" + round;
                java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
                List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
                for (String user : List.of("ann", "bob")) {
                    answers.add(pool.submit(() -> {
                        go.await();
                        return s.req().body(subscription(endpoint, null))
                                .put(s.path("/users/" + user + "/push-subscriptions/r")).statusCode();
                    }));
                }
                go.countDown();
                for (var answer : answers) {
                    assertThat(answer.get(30, java.util.concurrent.TimeUnit.SECONDS)).isIn(200, 201);
                }
                assertThat(sql.one("SELECT COUNT(*) FROM push_subscriptions WHERE school_id = ? AND endpoint = ?",
                        rs -> rs.getInt(1), s.id(), endpoint).orElseThrow()).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void atMostTenPerUser() {
        Api.SchoolKey s = schoolWithUser("ann");
        for (int i = 0; i < 10; i++) {
            s.req().body(subscription("https://push.example.net/send/" + i, null))
                    .put(s.path("/users/ann/push-subscriptions/s" + i)).then().statusCode(201);
        }
        s.req().body(subscription("https://push.example.net/send/10", null))
                .put(s.path("/users/ann/push-subscriptions/s10")).then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo(""))
                .body("errors[0].message", equalTo("a user has at most 10 push subscriptions; delete one first"));
        // a replacement, by id or by endpoint, is no eleventh
        s.req().body(subscription("https://push.example.net/send/new0", null))
                .put(s.path("/users/ann/push-subscriptions/s0")).then().statusCode(200);
        s.req().body(subscription("https://push.example.net/send/1", null))
                .put(s.path("/users/ann/push-subscriptions/moved1")).then().statusCode(201);
        s.req().get(s.path("/users/ann/push-subscriptions")).then().body("items", hasSize(10));
        s.req().delete(s.path("/users/ann/push-subscriptions/s2")).then().statusCode(204);
        s.req().body(subscription("https://push.example.net/send/10", null))
                .put(s.path("/users/ann/push-subscriptions/s10")).then().statusCode(201);
    }

    @Test
    void badBodiesAre422AtTheirFieldAndChangeNothing() {
        Api.SchoolKey s = schoolWithUser("ann");
        String path = s.path("/users/ann/push-subscriptions/laptop");
        Map<String, Object> unknown = subscription("https://push.example.net/send/abc", null);
        unknown.put("topic", "x");
        unknown.put("keys", Map.of("p256dh", P256DH, "auth", AUTH, "extra", "y"));
        s.req().body(unknown).put(path).then().statusCode(422)
                .body("errors.field", containsInAnyOrder("topic", "keys.extra"));

        s.req().body(subscription("http://push.example.net/send/abc", null)).put(path).then().statusCode(422)
                .body("errors.field", contains("endpoint"));
        s.req().body(subscription("https://user:pw@push.example.net/send/abc", null)).put(path).then().statusCode(422)
                .body("errors.field", contains("endpoint"));
        s.req().body(subscription("https://push.example.net/" + "a".repeat(2048), null)).put(path).then().statusCode(422)
                .body("errors.field", contains("endpoint"));
        s.req().body(subscription("https://push.example.net/s\u00fcss", null)).put(path).then().statusCode(422)
                .body("errors[0].field", equalTo("endpoint"))
                .body("errors[0].message", equalTo("must be ASCII without spaces (percent-encode other characters)"));
        for (Object bad : List.of("soon", 1.5, -1, true)) {
            s.req().body(subscription("https://push.example.net/send/abc", bad)).put(path).then().statusCode(422)
                    .body("errors.field", contains("expirationTime"));
        }
        byte[] offCurve = Base64Url.decode(P256DH);
        offCurve[64] ^= 1;
        Map<String, Object> badKeys = subscription("https://push.example.net/send/abc", null);
        badKeys.put("keys", Map.of("p256dh", Base64Url.encode(offCurve), "auth", Base64Url.encode(new byte[15])));
        s.req().body(badKeys).put(path).then().statusCode(422)
                .body("errors.field", containsInAnyOrder("keys.p256dh", "keys.auth"))
                .body("errors.message", containsInAnyOrder(PushSubscriptionKeys.P256DH_RULE, PushSubscriptionKeys.AUTH_RULE));
        Map<String, Object> noKeys = subscription("https://push.example.net/send/abc", null);
        noKeys.remove("keys");
        noKeys.remove("endpoint");
        s.req().body(noKeys).put(path).then().statusCode(422).body("errors.field", containsInAnyOrder("endpoint", "keys"));
        Map<String, Object> otherId = subscription("https://push.example.net/send/abc", null);
        otherId.put("id", "desktop");
        s.req().body(otherId).put(path).then().statusCode(422).body("errors.field", contains("id"));
        s.req().body("{\"endpoint\": ").put(path).then().statusCode(400);
        s.req().body(subscription("https://push.example.net/send/abc", null))
                .put(s.path("/users/ann/push-subscriptions/a b")).then().statusCode(422).body("errors.field", contains("id"));

        s.req().get(s.path("/users/ann/push-subscriptions")).then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anUnknownUserIs404() {
        Api.SchoolKey s = Api.newSchool("push");
        s.req().body(subscription("https://push.example.net/send/abc", null))
                .put(s.path("/users/nobody/push-subscriptions/laptop")).then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("detail", equalTo("No such user"));
        s.req().get(s.path("/users/nobody/push-subscriptions")).then().statusCode(404);
        s.req().delete(s.path("/users/nobody/push-subscriptions/laptop")).then().statusCode(404);
        // another school's user is no user here
        Api.SchoolKey other = schoolWithUser("ann");
        s.req().get(s.path("/users/ann/push-subscriptions")).then().statusCode(404);
        other.req().get(other.path("/users/ann/push-subscriptions")).then().statusCode(200);
    }

    @Test
    void deleteIs204ThenTheSubscriptionIsGone() {
        Api.SchoolKey s = schoolWithUser("ann");
        String path = s.path("/users/ann/push-subscriptions/laptop");
        s.req().body(subscription("https://push.example.net/send/abc", null)).put(path).then().statusCode(201);
        s.req().delete(path).then().statusCode(204);
        s.req().delete(path).then().statusCode(404).body("detail", equalTo("No such push subscription"));
        s.req().get(s.path("/users/ann/push-subscriptions")).then().body("items", hasSize(0));
        assertThat(store.find(s.id(), "ann", "laptop")).isEmpty();
    }

    @Test
    void anExpiredSubscriptionIsRemovedWhenRead() {
        Api.SchoolKey s = schoolWithUser("ann");
        long past = Instant.now().minusSeconds(60).toEpochMilli();
        long future = Instant.now().plus(Duration.ofDays(30)).toEpochMilli();
        s.req().body(subscription("https://push.example.net/send/old", past))
                .put(s.path("/users/ann/push-subscriptions/old")).then().statusCode(201);
        assertThat(store.find(s.id(), "ann", "old")).isPresent();
        s.req().get(s.path("/users/ann/push-subscriptions")).then().statusCode(200).body("items", hasSize(0));
        assertThat(store.find(s.id(), "ann", "old")).isEmpty();

        s.req().body(subscription("https://push.example.net/send/old", past))
                .put(s.path("/users/ann/push-subscriptions/old")).then().statusCode(201);
        // a save reads the user's subscriptions too (for the cap), and removes the expired ones then
        s.req().body(subscription("https://push.example.net/send/live", future))
                .put(s.path("/users/ann/push-subscriptions/live")).then().statusCode(201)
                .body("expirationTime", equalTo(future)).body("createdAt", notNullValue());
        assertThat(store.find(s.id(), "ann", "old")).isEmpty();
        s.req().get(s.path("/users/ann/push-subscriptions")).then().statusCode(200).body("items.id", contains("live"));
        assertThat(store.find(s.id(), "ann", "old")).isEmpty();
        assertThat(store.live(s.id(), "ann", Instant.ofEpochMilli(future))).isEmpty();
    }

    /** A process with no keys configured. */
    private static final class NoVapidConfig implements VapidConfig {
        @Override
        public java.util.Optional<String> publicKey() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<String> privateKey() {
            return java.util.Optional.empty();
        }

        @Override
        public java.util.Optional<String> subject() {
            return java.util.Optional.empty();
        }
    }
}
