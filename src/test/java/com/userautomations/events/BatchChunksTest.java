package com.userautomations.events;

import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasSize;

/**
 * Batches are applied in chunks of transactions with a savepoint per event (EventBatch): these
 * cross chunk boundaries with per-user order, refusals after writes, and two batches on the same
 * users at once.
 */
@QuarkusTest
class BatchChunksTest {

    @Test
    void eventsAcrossChunksKeepTheirOrderAndARefusedOneLeavesNothing() {
        School s = School.create("chunks").user("u1", Map.of("email", "u1@x.test")).user("u2", Map.of("email", "u2@x.test"));
        s.automation("""
                {"name": "T", "triggers": [{"type": "tags.added", "tags": ["go"]}], "actions": [{"type": "add_tags", "tags": ["went"]}]}""");
        int n = 3 * EventBatch.CHUNK + 7;
        List<String> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String user = i % 2 == 0 ? "u1" : "u2";
            if (i == EventBatch.CHUNK + 3) {
                events.add("{\"id\": \"e" + i + "\", \"type\": \"tags.added\", \"userId\": \"ghost\", \"tags\": [\"go\"]}");
            } else if (i % 4 < 2) {
                events.add("{\"id\": \"e" + i + "\", \"type\": \"tags.added\", \"userId\": \"" + user + "\", \"tags\": [\"go\", \"n" + i + "\"]}");
            } else {
                events.add("{\"id\": \"e" + i + "\", \"type\": \"tags.removed\", \"userId\": \"" + user + "\", \"tags\": [\"go\", \"went\"]}");
            }
        }
        JsonPath answer = s.key.req().body("{\"events\": [" + String.join(",", events) + "]}")
                .post(s.key.path("/events:batch")).then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> results = answer.getList("results");
        assertThat(results).hasSize(n);
        for (int i = 0; i < n; i++) {
            if (i == EventBatch.CHUNK + 3) {
                assertThat(results.get(i)).containsEntry("status", 422);
            } else {
                assertThat(results.get(i)).containsEntry("eventId", "e" + i);
                // every add of "go" follows a removal of it (or is the first): each starts one run
                assertThat((List<?>) results.get(i).get("runs")).hasSize(i % 4 < 2 ? 1 : 0);
            }
        }
        s.get("/events/e" + (EventBatch.CHUNK + 3)).statusCode(404);
        s.get("/events/e" + (n - 1)).statusCode(200);
        // the last events: u1 got e(n-1)'s tags removed (n-1 = 156, 156 % 4 = 0 -> added), u2 e(n-2)
        s.getUser("u1").body("tags", hasSize(n / 4 + 1 + 2));
    }

    @Test
    void twoBatchesOnTheSameUsersAtOnceBothComplete() throws Exception {
        School s = School.create("both");
        for (int u = 0; u < 20; u++) {
            s.user("u" + u, Map.of("email", "u" + u + "@x.test"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<JsonPath>> answers = new ArrayList<>();
        for (int b = 0; b < 2; b++) {
            int batch = b;
            answers.add(pool.submit(() -> {
                List<String> events = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    // the two batches name the users in opposite orders
                    int u = batch == 0 ? i % 20 : 19 - i % 20;
                    events.add("{\"id\": \"b" + batch + "-" + i + "\", \"type\": \"tags.added\", \"userId\": \"u" + u
                            + "\", \"tags\": [\"b" + batch + "-" + i + "\"]}");
                }
                return s.key.req().body("{\"events\": [" + String.join(",", events) + "]}")
                        .post(s.key.path("/events:batch")).then().statusCode(200).extract().jsonPath();
            }));
        }
        for (Future<JsonPath> f : answers) {
            List<Map<String, Object>> results = f.get().getList("results");
            assertThat(results).hasSize(200).allSatisfy(r -> assertThat(r).containsKey("eventId"));
        }
        pool.shutdown();
        // each user got 10 tags from each batch
        s.getUser("u0").body("tags", hasSize(20));
        s.getUser("u7").body("tags", hasSize(20));
    }

    /**
     * A chunk writes its answers and runs at its end (ChunkState): an id repeated inside one
     * chunk is still a duplicate with the first one's answer, a once-per-user automation still
     * runs once when its second event comes in the same chunk, and the user's state carries
     * from one event of the chunk to the next.
     */
    @Test
    void repeatsInsideOneChunkSeeWhatTheChunkHasNotWrittenYet() {
        School s = School.create("inchunk").user("u1", Map.of("email", "u1@x.test"));
        s.automation("""
                {"name": "Once", "reentry": "once_per_user", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "add_tags", "tags": ["claimed"]}]}""");
        s.automation("""
                {"name": "Both", "triggers": [{"type": "tags.added", "tags": ["b"]}],
                 "conditions": {"all": [{"type": "has_tags", "tags": ["a"]}]}, "actions": [{"type": "add_tags", "tags": ["ab"]}]}""");
        String events = String.join(",",
                "{\"id\": \"c1\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"X\"}",
                "{\"id\": \"c2\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"Y\"}",
                "{\"id\": \"c1\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"X\"}",
                "{\"id\": \"c1\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"Z\"}",
                "{\"id\": \"t1\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"a\"]}",
                "{\"id\": \"t2\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"b\"]}",
                "{\"id\": \"g1\", \"type\": \"tags.added\", \"userId\": \"ghost\", \"tags\": [\"g\"]}",
                "{\"id\": \"g1\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"g\"]}");
        List<Map<String, Object>> results = s.key.req().body("{\"events\": [" + events + "]}")
                .post(s.key.path("/events:batch")).then().statusCode(200).extract().jsonPath().getList("results");
        assertThat(results).hasSize(8);
        assertThat((List<?>) results.get(0).get("runs")).hasSize(1);
        assertThat((List<?>) results.get(1).get("runs")).isEmpty();
        assertThat(results.get(2)).containsEntry("duplicate", true).containsEntry("runs", results.get(0).get("runs"));
        assertThat(results.get(3)).containsEntry("status", 409);
        assertThat((List<?>) results.get(5).get("runs")).hasSize(1);
        // a refused event takes its row back: a later copy of its id in the same chunk is new
        assertThat(results.get(6)).containsEntry("status", 422);
        assertThat(results.get(7)).containsEntry("eventId", "g1").containsEntry("duplicate", false);
        s.getUser("u1").body("tags", contains("a", "ab", "b", "claimed", "g"));
        s.get("/events/c1").statusCode(200).body("runs", hasSize(1));
    }
}
