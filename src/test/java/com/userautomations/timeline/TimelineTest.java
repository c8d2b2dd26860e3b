package com.userautomations.timeline;

import com.userautomations.push.PushServiceStandIn;
import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import com.userautomations.support.StatementLog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * API.md 1.1, the user's timeline, through REST on PostgreSQL: exactly the user's items of the
 * five lists (an event that started nothing too), each as its own list shows it plus kind, at
 * and id, newest first by at then id; pages of any size join up to the whole; a page costs the
 * same statements whatever its size; other schools' users and bad input are problems.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class TimelineTest {
    private static final List<String> KINDS = List.of("event", "run", "email", "push", "webhook");

    /** One line of the expected timeline, from the kind's own list. */
    private record Expected(String kind, Instant at, String id, Map<String, Object> item) {
    }

    private static final Comparator<Expected> NEWEST_FIRST = Comparator.comparing(Expected::at).reversed()
            .thenComparing(Comparator.comparing(Expected::id).reversed())
            .thenComparing(e -> KINDS.indexOf(e.kind()));

    private static List<Map<String, Object>> all(School s, String path) {
        List<Map<String, Object>> out = new ArrayList<>();
        String cursor = null;
        do {
            String sep = path.contains("?") ? "&" : "?";
            JsonPath page = s.get(path + (cursor == null ? "" : sep + "cursor=" + cursor)).statusCode(200).extract().jsonPath();
            out.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        return out;
    }

    /** The user's items, read from the five lists the timeline merges, in the timeline's order. */
    private static List<Expected> expected(School s, String userId, String hook) {
        List<Expected> out = new ArrayList<>();
        all(s, "/events?userId=" + userId).forEach(e -> out.add(line("event", "receivedAt", "id", e)));
        all(s, "/runs?userId=" + userId).forEach(e -> out.add(line("run", "startedAt", "runId", e)));
        all(s, "/emails?userId=" + userId).forEach(e -> out.add(line("email", "createdAt", "id", e)));
        all(s, "/pushes?userId=" + userId).forEach(e -> out.add(line("push", "createdAt", "id", e)));
        all(s, "/webhooks/" + hook + "/deliveries").stream().filter(d -> userId.equals(d.get("userId")))
                .forEach(e -> out.add(line("webhook", "createdAt", "id", e)));
        out.sort(NEWEST_FIRST);
        return out;
    }

    private static Expected line(String kind, String at, String id, Map<String, Object> item) {
        return new Expected(kind, Instant.parse((String) item.get(at)), (String) item.get(id), item);
    }

    /** Every page of the user's timeline at this page size. */
    private static List<Map<String, Object>> timeline(School s, String userId, int limit) {
        return all(s, "/users/" + userId + "/timeline?limit=" + limit);
    }

    @Test
    void everyKindOfTheUserNewestFirstAsItsOwnListShowsItAndPagedAcrossKinds() {
        try (PushServiceStandIn browsers = PushServiceStandIn.start()) {
            School s = School.create("timeline").course("c1", false)
                    .user("u1", Map.of("email", "u1@timeline.test")).user("u2", Map.of("email", "u2@timeline.test"));
            String hook = s.key.req().body(Map.of("url", "https://hooks.example.com/in", "events", List.of("tags.added", "tags.removed")))
                    .post(s.key.path("/webhooks")).then().statusCode(201).extract().path("id");
            String vapid = s.get("/push/vapid-public-key").statusCode(200).extract().path("publicKey");
            for (String u : List.of("u1", "u2")) {
                s.key.req().body(browsers.subscribe("https://push.example.net", vapid).toJson())
                        .put(s.key.path("/users/" + u + "/push-subscriptions/laptop")).then().statusCode(201);
            }
            s.automation("""
                    {"name": "Coupon", "triggers": [{"type": "coupon.claimed"}],
                     "actions": [{"type": "add_tags", "tags": ["coupon"]}, {"type": "remove_tags", "tags": ["coupon"]},
                                 {"type": "send_email", "to": "user", "subject": "Thanks", "body": "B"},
                                 {"type": "send_push", "title": "Thanks", "body": "B"}]}""");
            for (int i = 0; i < 4; i++) {
                s.event("{\"id\": \"c%d\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"X\"}".formatted(i))
                        .body("runs", hasSize(1));
                // an event that starts nothing is in the timeline too
                s.event("{\"id\": \"v%d\", \"type\": \"user.visited\", \"userId\": \"u1\"}".formatted(i)).body("runs", hasSize(0));
            }
            s.event("{\"id\": \"other\", \"type\": \"coupon.claimed\", \"userId\": \"u2\", \"couponCode\": \"X\"}");

            // the outbox settles every message (emails sent to GreenMail; pushes and deliveries to hosts
            // that do not resolve fail after the tests' short retries), so the lists stand still
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(all(s, "/emails?userId=u1")).hasSize(4).allSatisfy(e -> assertThat(e.get("status")).isEqualTo("sent"));
                assertThat(all(s, "/pushes?userId=u1")).hasSize(4).allSatisfy(e -> assertThat(e.get("status")).isEqualTo("failed"));
                assertThat(all(s, "/webhooks/" + hook + "/deliveries")).hasSize(10)
                        .allSatisfy(e -> assertThat(e.get("status")).isEqualTo("failed"));
                assertThat(all(s, "/runs?userId=u1")).hasSize(4).allSatisfy(r -> assertThat((List<?>) r.get("actions"))
                        .noneSatisfy(a -> assertThat(((Map<?, ?>) a).get("status")).isEqualTo("pending")));
            });

            List<Expected> expected = expected(s, "u1", hook);
            // 8 events, 4 runs, 4 emails, 4 pushes, 8 deliveries (tags.added and tags.removed per run)
            assertThat(expected).extracting(Expected::kind).filteredOn("event"::equals).hasSize(8);
            assertThat(expected).extracting(Expected::kind).filteredOn("webhook"::equals).hasSize(8);
            assertThat(expected).hasSize(28);

            List<Map<String, Object>> whole = timeline(s, "u1", 1000);
            assertThat(whole).extracting(i -> i.get("kind") + " " + i.get("id"))
                    .containsExactlyElementsOf(expected.stream().map(e -> e.kind() + " " + e.id()).toList());
            for (int i = 0; i < whole.size(); i++) {
                Map<String, Object> item = whole.get(i);
                Expected e = expected.get(i);
                assertThat(Instant.parse((String) item.get("at"))).isEqualTo(e.at());
                assertThat(new ArrayList<>(item.keySet()).subList(0, 3)).containsExactly("kind", "at", "id");
                // the kind's own list's item, with kind, at (and, for a run, id) added
                Map<String, Object> own = new HashMap<>(item);
                own.remove("kind");
                own.remove("at");
                if (e.kind().equals("run")) {
                    own.remove("id");
                }
                assertThat(own).as(e.kind() + " " + e.id()).isEqualTo(e.item());
                if (i > 0) {
                    assertThat(Instant.parse((String) item.get("at")))
                            .isBeforeOrEqualTo(Instant.parse((String) whole.get(i - 1).get("at")));
                }
            }
            assertThat(whole).filteredOn(i -> "event".equals(i.get("kind"))).extracting(i -> i.get("id"))
                    .containsExactly("v3", "c3", "v2", "c2", "v1", "c1", "v0", "c0");
            assertThat(whole).noneSatisfy(i -> assertThat(i.get("id")).isEqualTo("other"));

            // pages of every size join up to the whole, each item once
            for (int limit : List.of(1, 2, 3, 7, 27, 28)) {
                assertThat(timeline(s, "u1", limit)).as("limit " + limit).isEqualTo(whole);
            }
            JsonPath last = s.get("/users/u1/timeline?limit=28").statusCode(200).extract().jsonPath();
            assertThat(last.getString("nextCursor")).isNull();

            // new items arriving between pages are not on the later pages; nothing older is skipped
            JsonPath first = s.get("/users/u1/timeline?limit=5").statusCode(200).extract().jsonPath();
            s.event("{\"id\": \"late\", \"type\": \"user.visited\", \"userId\": \"u1\"}");
            List<Map<String, Object>> seen = new ArrayList<>(first.getList("items"));
            String cursor = first.getString("nextCursor");
            while (cursor != null) {
                JsonPath page = s.get("/users/u1/timeline?limit=5&cursor=" + cursor).statusCode(200).extract().jsonPath();
                seen.addAll(page.getList("items"));
                cursor = page.getString("nextCursor");
            }
            assertThat(seen).isEqualTo(whole);
            assertThat(timeline(s, "u1", 100).get(0)).containsEntry("kind", "event").containsEntry("id", "late");
        }
    }

    @Test
    void aPageCostsTheSameStatementsWhateverItsSize() throws java.sql.SQLException {
        School s = School.create("timeline-n1").user("u1", Map.of("email", "u1@x.test"));
        s.automation("""
                {"name": "Tag", "triggers": [{"type": "coupon.claimed"}], "actions": [{"type": "add_tags", "tags": ["t"]}]}""");
        for (int i = 0; i < 30; i++) {
            s.event("{\"id\": \"c%d\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"X\"}".formatted(i));
        }
        int small = statements(s, "/users/u1/timeline?limit=2", 2).size();
        int large = statements(s, "/users/u1/timeline?limit=60", 60).size();
        String cursor = s.get("/users/u1/timeline?limit=20").extract().path("nextCursor");
        List<StatementLog.Statement> deep = statements(s, "/users/u1/timeline?limit=20&cursor=" + cursor, 20);
        // the user's look-up, one keyset query per kind, the runs' actions
        assertThat(large).isEqualTo(small).isEqualTo(deep.size()).isLessThanOrEqualTo(7);

        // each kind's query, as sent for a deep page, starts its index scan at the cursor's position
        // and gives the order without a sort. These tables are tiny, so the planner would rather scan,
        // sort or bitmap them: those are off, and what is left shows the index serves the query as
        // a deep page needs it (benchmarks.md measures the plan at 600,000 rows)
        // (seq scans off: these tables are too small for the planner to prefer an index otherwise)
        try (Connection c = dataSource.getConnection(); Statement set = c.createStatement()) {
            set.execute("SET enable_seqscan = off");
            set.execute("SET enable_bitmapscan = off");
            set.execute("SET enable_sort = off");
            // what autovacuum would have done (it is off on these machines): without statistics the
            // planner may take another index that starts with school_id for these tiny tables
            for (String table : List.of("events", "runs", "emails", "pushes", "webhook_deliveries")) {
                set.execute("ANALYZE " + table);
            }
            int positioned = 0;
            for (StatementLog.Statement st : deep) {
                if (!st.sql().contains("user_id = ?")) {
                    continue;
                }
                StringBuilder plan = new StringBuilder();
                try (PreparedStatement explain = c.prepareStatement("EXPLAIN " + st.sql())) {
                    for (int i = 0; i < st.params().size(); i++) {
                        Object p = st.params().get(i);
                        explain.setObject(i + 1, p instanceof Instant at ? OffsetDateTime.ofInstant(at, ZoneOffset.UTC) : p);
                    }
                    try (ResultSet rs = explain.executeQuery()) {
                        while (rs.next()) {
                            plan.append(rs.getString(1)).append('\n');
                        }
                    }
                }
                // a kind with no items here (emails, pushes, deliveries): its tiny, unanalyzed table may be
                // planned on another of its indexes (autovacuum is off on these machines); an index still
                assertThat(plan.toString()).as(st.sql()).containsPattern("Index (Only )?Scan");
                if (st.sql().contains(", id) < (?, ?)")) { // a kind with items before the page (here events and runs)
                    positioned++;
                    assertThat(plan.toString()).as(st.sql()).containsPattern("Index (Only )?Scan Backward using \\w+_by_user")
                            .containsPattern("Index Cond: .*ROW\\(");
                }
            }
            assertThat(positioned).isEqualTo(2);
            set.execute("RESET enable_seqscan");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    private static List<StatementLog.Statement> statements(School s, String path, int items) {
        StatementLog.start();
        try {
            s.get(path).statusCode(200).body("items", hasSize(items));
        } finally {
            StatementLog.stop();
        }
        List<StatementLog.Statement> log = StatementLog.ofRequest(StatementLog.stop(), "FROM users", s.id());
        List<StatementLog.Statement> ours = log.stream()
                .filter(st -> !st.sql().contains("api_keys") && !st.sql().contains("cursor_secret")).toList();
        assertThat(ours).filteredOn(st -> st.sql().contains("user_id = ?") && st.sql().contains("LIMIT"))
                .as("one keyset query per kind").hasSize(5)
                .allSatisfy(st -> assertThat(st.sql()).contains("ORDER BY").contains("DESC, id DESC LIMIT ?"));
        return ours;
    }

    @Test
    void unknownUsersOtherSchoolsAndInjectionStringsAreProblems() {
        School s = School.create("timeline-404").user("u1", Map.of("email", "u1@x.test"));
        School other = School.create("timeline-other").user("u1", Map.of("email", "u1@y.test"));
        other.event("{\"id\": \"o1\", \"type\": \"user.visited\", \"userId\": \"u1\"}");

        s.get("/users/nobody/timeline").statusCode(404).contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404));
        // u1 of the other school is not this school's u1; that school's timeline is not this key's
        s.get("/users/u1/timeline").statusCode(200).body("items", hasSize(0)).body("nextCursor", nullValue());
        s.key.req().get(other.key.path("/users/u1/timeline")).then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        other.get("/users/u1/timeline").statusCode(200).body("items", hasSize(1)).body("items[0].id", equalTo("o1"));

        for (String id : List.of("' OR '1'='1", "u1' --", "u1\"; DROP TABLE users; --", "../u1", "u1%00", "${jndi:ldap://x}")) {
            s.get("/users/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/timeline").statusCode(404)
                    .contentType(startsWith("application/problem+json"));
        }
        // ids in the path that are not ids at all, sent as raw bytes: still a problem, never a 500
        for (String raw : List.of("%00", "a%2Fb", "%C3%28", "%FF", "..%2F..", "x".repeat(2_000), "%E2%80%AE")) {
            io.restassured.RestAssured.given().urlEncodingEnabled(false).header("Authorization", "Bearer " + s.key.key())
                    .get(s.key.path("/users/" + raw + "/timeline")).then().statusCode(org.hamcrest.Matchers.both(
                            org.hamcrest.Matchers.greaterThanOrEqualTo(400)).and(org.hamcrest.Matchers.lessThan(500)))
                    .contentType(startsWith("application/problem+json"));
            io.restassured.RestAssured.given().urlEncodingEnabled(false).header("Authorization", "Bearer " + s.key.key())
                    .post(s.key.path("/automations/" + raw + "/versions/" + raw + "%3Arestore")).then().statusCode(
                            org.hamcrest.Matchers.both(org.hamcrest.Matchers.greaterThanOrEqualTo(400))
                                    .and(org.hamcrest.Matchers.lessThan(500)))
                    .contentType(startsWith("application/problem+json"));
        }
        for (String cursor : List.of("' OR 1=1 --", "not-a-cursor", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            s.key.req().queryParam("cursor", cursor).get(s.key.path("/users/u1/timeline")).then().statusCode(422)
                    .contentType(startsWith("application/problem+json")).body("errors[0].field", equalTo("cursor"));
        }
        // a cursor of another user's timeline, or of another list, is refused
        other.user("u2", Map.of("email", "u2@y.test"));
        other.event("{\"id\": \"o2\", \"type\": \"user.visited\", \"userId\": \"u1\"}");
        String cursor = other.get("/users/u1/timeline?limit=1").statusCode(200).extract().path("nextCursor");
        assertThat(cursor).isNotNull();
        other.get("/users/u2/timeline?cursor=" + cursor).statusCode(422).body("errors[0].field", equalTo("cursor"));
        other.get("/events?userId=u1&cursor=" + cursor).statusCode(422).body("errors[0].field", equalTo("cursor"));
        s.get("/users/u1/timeline?cursor=" + cursor).statusCode(422).body("errors[0].field", equalTo("cursor"));
        for (String limit : List.of("0", "1001", "abc")) {
            s.get("/users/u1/timeline?limit=" + limit).statusCode(422).body("errors[0].field", equalTo("limit"));
        }
        s.get("/users/u1/timeline?kind=run").statusCode(422).body("errors[0].field", equalTo("kind"));
    }
}
