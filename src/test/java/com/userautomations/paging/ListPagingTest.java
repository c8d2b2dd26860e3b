package com.userautomations.paging;

import com.userautomations.support.Api;
import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import com.userautomations.support.StatementLog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

/**
 * API.md 1.1 "Paging" through REST: every list answers {items, nextCursor}, takes limit and
 * cursor, pages by keyset (newest first for runs, emails and events, else by id), stays stable
 * while rows are added, refuses a cursor of other filters, another list or school, or a changed
 * one (422 at cursor); a page costs the same few statements whatever its size (no N+1).
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class ListPagingTest {
    private static final String TWO_TAGS = """
            {"name": "Two tags", "triggers": [{"type": "coupon.claimed"}],
             "actions": [{"type": "add_tags", "tags": ["x"]}, {"type": "add_tags", "tags": ["y"]}]}""";

    /** Posts {@code n} coupon events, alternating between u1 and u2, in one batch. */
    private static void coupons(School s, String prefix, int n) {
        StringBuilder b = new StringBuilder("{\"events\": [");
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ",").append("""
                    {"id": "%s-%d", "type": "coupon.claimed", "userId": "u%d", "couponCode": "C"}"""
                    .formatted(prefix, i, 1 + i % 2));
        }
        s.key.req().body(b.append("]}").toString()).post(s.key.path("/events:batch")).then().statusCode(200);
    }

    /** Every page of a list, following nextCursor; the path has a query already or not. */
    private static List<JsonPath> pages(School s, String path) {
        return pages(s, path, null);
    }

    /** The pages of a list from the one {@code cursor} points at (null: from the first). */
    private static List<JsonPath> pages(School s, String path, String start) {
        List<JsonPath> out = new ArrayList<>();
        String cursor = start;
        do {
            String sep = path.contains("?") ? "&" : "?";
            JsonPath page = s.get(path + (cursor == null ? "" : sep + "cursor=" + cursor)).statusCode(200)
                    .extract().jsonPath();
            out.add(page);
            cursor = page.getString("nextCursor");
            assertThat(out).as("pages of " + path).hasSizeLessThan(100);
        } while (cursor != null);
        return out;
    }

    private static List<Map<String, Object>> items(List<JsonPath> pages) {
        List<Map<String, Object>> all = new ArrayList<>();
        pages.forEach(p -> all.addAll(p.getList("items")));
        return all;
    }

    @Test
    void runsPageNewestFirstCompleteAndStableWhileEventsArrive() {
        School s = School.create("page-runs").user("u1", Map.of("email", "u1@x.test")).user("u2", Map.of("email", "u2@x.test"));
        s.automation(TWO_TAGS);
        coupons(s, "a", 250);

        List<JsonPath> pages = pages(s, "/runs?limit=100");
        assertThat(pages).extracting(p -> p.getList("items").size()).containsExactly(100, 100, 50);
        assertThat(pages.get(2).getString("nextCursor")).isNull();
        List<Map<String, Object>> runs = items(pages);
        Set<Object> ids = new HashSet<>(runs.stream().map(r -> r.get("runId")).toList());
        assertThat(ids).hasSize(250);
        for (int i = 0; i < runs.size(); i++) {
            Map<String, Object> r = runs.get(i);
            assertThat((List<?>) r.get("actions")).as("actions of run " + i).hasSize(2);
            assertThat(s.get("/runs?limit=1&eventId=" + r.get("eventId")).extract().<Integer>path("items[0].actions[1].index"))
                    .isEqualTo(1);
            if (i > 0) {
                Map<String, Object> prev = runs.get(i - 1);
                Instant a = Instant.parse((String) prev.get("startedAt"));
                Instant b = Instant.parse((String) r.get("startedAt"));
                assertThat(b).as("newest first").isBeforeOrEqualTo(a);
                if (a.equals(b)) {
                    assertThat((String) r.get("runId")).isGreaterThan((String) prev.get("runId"));
                }
            }
            if (i >= 10) {
                i += 20; // the per-run read above is a spot check, not 250 requests
            }
        }
        // the first page's runs have all their actions, in index order
        for (Map<String, Object> r : pages.get(0).<Map<String, Object>>getList("items")) {
            List<Map<String, Object>> actions = (List<Map<String, Object>>) r.get("actions");
            assertThat(actions).extracting(a -> a.get("index")).containsExactly(0, 1);
            assertThat(actions).extracting(a -> a.get("type")).containsExactly("add_tags", "add_tags");
        }

        // events arriving between pages: the later pages hold exactly the older runs, none twice, none skipped
        JsonPath first = s.get("/runs?limit=100").extract().jsonPath();
        coupons(s, "b", 20);
        List<Map<String, Object>> rest = items(pages(s, "/runs?limit=100", first.getString("nextCursor")));
        List<Object> seen = new ArrayList<>(first.getList("items.runId"));
        rest.forEach(r -> seen.add(r.get("runId")));
        assertThat(seen).doesNotHaveDuplicates().hasSize(250);
        assertThat(new HashSet<>(seen)).isEqualTo(ids);

        // with a filter: only u1's, all of them
        List<Map<String, Object>> u1 = items(pages(s, "/runs?userId=u1&limit=40"));
        assertThat(u1).hasSize(135).allSatisfy(r -> assertThat(r.get("userId")).isEqualTo("u1"));
    }

    @Test
    void aCursorServesOnlyItsListFiltersAndSchool() {
        School s = School.create("page-cursor").user("u1", Map.of("email", "u1@x.test")).user("u2", Map.of("email", "u2@x.test"));
        s.automation(TWO_TAGS);
        coupons(s, "a", 6);
        String cursor = s.get("/runs?userId=u1&limit=1").statusCode(200).extract().path("nextCursor");
        assertThat(cursor).isNotNull();
        s.get("/runs?userId=u1&limit=1&cursor=" + cursor).statusCode(200).body("items", hasSize(1));

        for (String other : List.of("/runs?userId=u2&cursor=", "/runs?cursor=", "/emails?userId=u1&cursor=",
                "/users?cursor=", "/events?userId=u1&cursor=")) {
            s.get(other + cursor).statusCode(422).body("errors[0].field", equalTo("cursor"))
                    .body("errors[0].message", containsString("these filters"));
        }
        String tampered = cursor.substring(0, 5) + (cursor.charAt(5) == 'A' ? 'B' : 'A') + cursor.substring(6);
        s.get("/runs?userId=u1&cursor=" + tampered).statusCode(422).body("errors[0].field", equalTo("cursor"));
        s.get("/runs?cursor=not-a-cursor").statusCode(422).body("errors[0].field", equalTo("cursor"));

        School b = School.create("page-cursor-b").user("u1", Map.of("email", "u1@x.test"));
        b.get("/runs?userId=u1&cursor=" + cursor).statusCode(422).body("errors[0].field", equalTo("cursor"));

        for (String list : List.of("/runs", "/emails", "/automations", "/courses", "/spaces", "/users",
                "/events?userId=u1")) {
            String sep = list.contains("?") ? "&" : "?";
            for (String bad : List.of("0", "1001", "abc", "-1")) {
                s.get(list + sep + "limit=" + bad).statusCode(422).body("errors[0].field", equalTo("limit"));
            }
            s.get(list + sep + "limit=1000").statusCode(200).body("nextCursor", nullValue());
        }
    }

    @Test
    void aPageCostsTheSameStatementsWhateverItsSize() {
        School s = School.create("page-n1").course("c1", false).course("c2", false);
        for (int i = 0; i < 100; i++) {
            s.user("p" + i, Map.of("email", "p" + i + "@x.test", "tags", List.of("t" + i, "all")));
        }
        s.user("u1", Map.of("email", "u1@x.test")).user("u2", Map.of("email", "u2@x.test"));
        s.automation(TWO_TAGS);
        coupons(s, "a", 100);
        StringBuilder b = new StringBuilder("{\"events\": [");
        for (int i = 0; i < 100; i++) {
            b.append(i == 0 ? "" : ",").append("""
                    {"id": "enr-%d", "type": "user.enrolled", "userId": "p%d", "courseId": "c%d"}""".formatted(i, i, 1 + i % 2));
        }
        s.key.req().body(b.append("]}").toString()).post(s.key.path("/events:batch")).then().statusCode(200);

        int runs100 = statements(s, "/runs?limit=100", "FROM runs", r -> assertThat(r.getList("items")).hasSize(100)
                .allSatisfy(run -> assertThat((List<?>) ((Map<?, ?>) run).get("actions")).hasSize(2)));
        int runs10 = statements(s, "/runs?limit=10", "FROM runs", r -> assertThat(r.getList("items")).hasSize(10));
        assertThat(runs100).as("statements for a page of 100 runs").isEqualTo(runs10).isLessThanOrEqualTo(2);

        int users100 = statements(s, "/users?limit=100", "FROM users", r -> {
            List<Map<String, Object>> users = r.getList("items");
            assertThat(users).hasSize(100);
            for (Map<String, Object> u : users) {
                String id = (String) u.get("id");
                if (id.startsWith("p")) {
                    int i = Integer.parseInt(id.substring(1));
                    assertThat((List<Object>) u.get("tags")).as(id).containsExactly("all", "t" + i);
                    assertThat((List<?>) u.get("enrollments")).as(id).hasSize(1);
                    assertThat(((Map<?, ?>) ((List<?>) u.get("enrollments")).get(0)).get("courseId")).isEqualTo("c" + (1 + i % 2));
                }
            }
        });
        int users10 = statements(s, "/users?limit=10", "FROM users", r -> assertThat(r.getList("items")).hasSize(10));
        int tagged = statements(s, "/users?tag=all&limit=100", "FROM user_tags", r -> assertThat(r.getList("items"))
                .hasSize(100).allSatisfy(u -> assertThat((List<Object>) ((Map<?, ?>) u).get("tags")).contains("all")));
        assertThat(users100).as("statements for a page of 100 users").isEqualTo(users10).isEqualTo(tagged)
                .isLessThanOrEqualTo(2);
    }

    /** The statements the service sent through Sql for one GET, checking its answer too. */
    private static int statements(School s, String path, String marker, java.util.function.Consumer<JsonPath> check) {
        StatementLog.start();
        JsonPath answer;
        try {
            answer = s.get(path).statusCode(200).extract().jsonPath();
        } finally {
            StatementLog.stop();
        }
        check.accept(answer);
        List<StatementLog.Statement> log = StatementLog.ofRequest(StatementLog.stop(), marker, s.id());
        // the API key's lookup (and its last-used minute) is the access filter's, not the list's
        // (and the cursor key, read once per process)
        return (int) log.stream().filter(st -> !st.sql().contains("api_keys") && !st.sql().contains("cursor_secret")).count();
    }

    @Test
    void aUsersPostedEventsNewestFirstWithoutInternalOnes() {
        School s = School.create("page-events").user("u1", Map.of("email", "u1@x.test")).user("u2", Map.of("email", "u2@x.test"));
        // its add_tags raises an internal tags.added: not a posted event, never listed
        String a = s.automation(TWO_TAGS);
        for (int i = 0; i < 5; i++) {
            s.event("""
                    {"id": "e%d", "type": "coupon.claimed", "userId": "u%d", "couponCode": "C"}""".formatted(i, i < 3 ? 1 : 2));
        }
        s.get("/events").statusCode(422).body("errors[0].field", equalTo("userId"));
        s.get("/events?userId=").statusCode(422).body("errors[0].field", equalTo("userId"));
        s.get("/events?userId=nobody").statusCode(200).body("items", hasSize(0)).body("nextCursor", nullValue());

        List<JsonPath> pages = pages(s, "/events?userId=u1&limit=2");
        assertThat(pages).extracting(p -> p.getList("items").size()).containsExactly(2, 1);
        List<Map<String, Object>> events = items(pages);
        assertThat(events).extracting(e -> e.get("id")).containsExactly("e2", "e1", "e0");
        Map<String, Object> e2 = events.get(0);
        assertThat(e2).containsOnlyKeys("id", "type", "userId", "receivedAt", "answer");
        assertThat(e2.get("type")).isEqualTo("coupon.claimed");
        assertThat(e2.get("userId")).isEqualTo("u1");
        Map<?, ?> answer = (Map<?, ?>) e2.get("answer");
        assertThat(answer.get("eventId")).isEqualTo("e2");
        assertThat((List<?>) answer.get("runs")).hasSize(1);
        assertThat(((Map<?, ?>) ((List<?>) answer.get("runs")).get(0)).get("automationId")).isEqualTo(a);
        // as the single read gives it
        JsonPath single = s.get("/events/e2").statusCode(200).extract().jsonPath();
        assertThat(single.getString("receivedAt")).isEqualTo(e2.get("receivedAt"));
        assertThat(single.getMap("answer")).isEqualTo(answer);
        assertThat(items(pages(s, "/events?userId=u2"))).extracting(e -> e.get("id")).containsExactly("e4", "e3");
    }

    @Test
    void everyOtherListPagesById() {
        School s = School.create("page-lists").user("u1", Map.of("email", "u1@page-lists.test"));
        for (String c : List.of("c3", "c1", "c2")) {
            s.course(c, false);
            s.space("s" + c, false);
        }
        assertThat(items(pages(s, "/courses?limit=2"))).extracting(c -> c.get("id")).containsExactly("c1", "c2", "c3");
        assertThat(pages(s, "/courses?limit=2")).hasSize(2);
        assertThat(items(pages(s, "/spaces?limit=1"))).extracting(c -> c.get("id")).containsExactly("sc1", "sc2", "sc3");

        List<String> automations = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            automations.add(s.automation("""
                    {"name": "Mail %d", "triggers": [{"type": "coupon.claimed"}],
                     "actions": [{"type": "send_email", "to": "user", "subject": "Hi %d", "body": "b"}]}""".formatted(i, i)));
        }
        List<String> sorted = automations.stream().sorted().toList();
        assertThat(items(pages(s, "/automations?limit=2"))).extracting(a -> a.get("id")).containsExactlyElementsOf(sorted);

        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(s.get("/emails").extract().jsonPath()
                .<String>getList("items.status")).containsExactly("sent", "sent", "sent"));
        List<Map<String, Object>> emails = items(pages(s, "/emails?limit=2"));
        assertThat(emails).hasSize(3).allSatisfy(e -> assertThat(e.get("delivered")).as("sent over SMTP").isEqualTo(true));
        assertThat(items(pages(s, "/emails?limit=1&automationId=" + sorted.get(1)))).hasSize(1);

        for (int i = 0; i < 2; i++) {
            Api.operator().post(s.key.path("/api-keys")).then().statusCode(201);
        }
        List<Map<String, Object>> keys = new ArrayList<>();
        String cursor = null;
        do {
            JsonPath page = Api.operator().get(s.key.path("/api-keys?limit=1" + (cursor == null ? "" : "&cursor=" + cursor)))
                    .then().statusCode(200).extract().jsonPath();
            keys.addAll(page.getList("items"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(keys).hasSize(3).extracting(k -> (String) k.get("id")).isSorted().doesNotHaveDuplicates();
        Api.operator().get(s.key.path("/api-keys?limit=0")).then().statusCode(422).body("errors[0].field", equalTo("limit"));

        List<Object> all = Api.operator().get("/api/v1/rules?limit=1000").then().statusCode(200).extract().path("items.path");
        List<Object> paged = new ArrayList<>();
        cursor = null;
        do {
            JsonPath page = Api.operator().get("/api/v1/rules?limit=1" + (cursor == null ? "" : "&cursor=" + cursor))
                    .then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("items.path"));
            cursor = page.getString("nextCursor");
        } while (cursor != null);
        assertThat(paged).isEqualTo(all);
        assertThat(paged.stream().map(Object::toString).toList()).isSorted();
    }
}
