package com.userautomations.durable;

import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

/**
 * API.md 1.1: the database out of reach or a lock wait timed out is a 503 with Retry-After that
 * changed nothing, never a 500; the same request sent again then succeeds. The outages are real:
 * the service's PostgreSQL backends terminated, a user's row locked from another connection.
 */
@QuarkusTest
class DatabaseOutageTest {
    /**
     * The background workers (timers, outbox, backfills...) poll the database every second: one
     * that meets a dead connection first makes the pool drop them all, and then no request
     * meets one. They are paused while the requests meet the outage, and resumed after.
     */
    @jakarta.inject.Inject
    io.quarkus.scheduler.Scheduler scheduler;
    private static final String URL = config("quarkus.datasource.jdbc.url");
    private static final String USER = config("quarkus.datasource.username");
    private static final String PASSWORD = config("quarkus.datasource.password");

    @Test
    void terminatedBackendsAnswer503UntilTheServiceReconnects() throws Exception {
        School s = School.create("outage").user("u0", Map.of("email", "u0@x.test"));
        s.automation("""
                {"name": "T", "triggers": [{"type": "tags.added", "tags": ["go"]}], "actions": [{"type": "add_tags", "tags": ["went"]}]}""");
        // fill the pool with connections that will all be dead
        parallel(20, i -> s.getUser("u0").extract().response());

        List<Callable<Response>> requests = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int n = i;
            requests.add(i % 2 == 0
                    ? () -> s.key.req().body("{\"id\": \"e" + n + "\", \"type\": \"tags.added\", \"userId\": \"u0\", \"tags\": [\"go\", \"t" + n + "\"]}")
                    .post(s.key.path("/events"))
                    : () -> s.key.req().body(Map.of("email", "v" + n + "@x.test")).put(s.key.path("/users/v" + n)));
        }
        List<Response> first;
        scheduler.pause();
        try {
            int terminated = terminateServiceBackends();
            assertThat(terminated).as("backends terminated").isPositive();
            first = run(requests);
        } finally {
            scheduler.resume();
        }
        int unavailable = 0;
        for (int i = 0; i < first.size(); i++) {
            Response r = first.get(i);
            assertThat(r.statusCode()).as("request %d: %s", i, r.asString()).isIn(200, 201, 202, 503);
            if (r.statusCode() == 503) {
                unavailable++;
                assertUnavailable(r);
                if (i % 2 == 0) {
                    s.get("/events/e" + i).statusCode(404);
                }
            }
        }
        assertThat(unavailable).as("the dead connections were met").isPositive();

        // sent again as they were, until every one succeeded: a 503 changed nothing
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (int i = 0; i < requests.size(); i++) {
            Response r = first.get(i);
            while (r.statusCode() == 503 && System.nanoTime() < deadline) {
                Thread.sleep(1000L * Integer.parseInt(r.header("Retry-After")) / 4);
                r = requests.get(i).call();
                assertThat(r.statusCode()).as("request %d again: %s", i, r.asString()).isIn(200, 201, 202, 503);
            }
            assertThat(r.statusCode()).as("request %d in the end", i).isIn(200, 201, 202);
        }
        s.getUser("u0").body("tags.size()", equalTo(2 + requests.size() / 2));
    }

    @Test
    void aLockHeldElsewhereAnswers503WithinSecondsAndStoresNothing() throws Exception {
        School s = School.create("locked").user("u1", Map.of("email", "u1@x.test"));
        s.automation("""
                {"name": "T", "triggers": [{"type": "tags.added", "tags": ["go"]}], "actions": [{"type": "add_tags", "tags": ["went"]}]}""");
        String event = "{\"id\": \"e1\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"go\"]}";
        try (Connection holder = lockUser(s.id(), "u1")) {
            long start = System.nanoTime();
            Response r = within(Duration.ofSeconds(15), () -> s.key.req().body(event).post(s.key.path("/events")));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertUnavailable(r);
            holder.rollback();
        }
        s.get("/events/e1").statusCode(404);
        s.getUser("u1").body("tags", empty());
        s.get("/runs?userId=u1").statusCode(200).body("items", empty());

        s.post(event).statusCode(202).body("duplicate", equalTo(false)).body("runs.size()", equalTo(1));
        s.getUser("u1").body("tags", org.hamcrest.Matchers.contains("go", "went"));
    }

    @Test
    void aBatchMeetingALockedUserIsRefusedWholeAndItsResendAppliesOnce() throws Exception {
        School s = School.create("lockedbatch").user("free", Map.of("email", "f@x.test")).user("held", Map.of("email", "h@x.test"));
        s.automation("""
                {"name": "T", "triggers": [{"type": "tags.added", "tags": ["go"]}], "actions": [{"type": "add_tags", "tags": ["went"]}]}""");
        String batch = """
                {"events": [{"id": "b1", "type": "tags.added", "userId": "free", "tags": ["go"]},
                            {"id": "b2", "type": "tags.added", "userId": "held", "tags": ["go"]},
                            {"id": "b3", "type": "tags.added", "userId": "free", "tags": ["more"]}]}""";
        try (Connection holder = lockUser(s.id(), "held")) {
            Response r = within(Duration.ofSeconds(20), () -> s.key.req().body(batch).post(s.key.path("/events:batch")));
            assertUnavailable(r);
            holder.rollback();
        }
        for (String id : List.of("b1", "b2", "b3")) {
            s.get("/events/" + id).statusCode(404);
        }
        s.getUser("free").body("tags", empty());
        s.get("/runs").statusCode(200).body("items", empty());

        s.key.req().body(batch).post(s.key.path("/events:batch")).then().statusCode(200)
                .body("results.eventId", org.hamcrest.Matchers.contains("b1", "b2", "b3"))
                .body("results.duplicate", org.hamcrest.Matchers.contains(false, false, false))
                .body("results[0].runs.size()", equalTo(1))
                .body("results[1].runs.size()", equalTo(1));
        s.get("/runs").statusCode(200).body("items.size()", equalTo(2));
        s.getUser("free").body("tags", org.hamcrest.Matchers.contains("go", "more", "went"));
        s.getUser("held").body("tags", org.hamcrest.Matchers.contains("go", "went"));
    }

    @Test
    void aBatchRefusedInItsSecondChunkKeepsTheFirstAndItsResendRunsNothingTwice() throws Exception {
        School s = School.create("lockedchunk").user("free", Map.of("email", "f@x.test")).user("held", Map.of("email", "h@x.test"));
        s.automation("""
                {"name": "T", "triggers": [{"type": "tags.added"}], "actions": [{"type": "add_tags", "tags": ["went"]}],
                 "reentry": "every_time"}""");
        int chunk = 50; // EventBatch.CHUNK: the held user's event opens the second chunk
        List<String> events = new ArrayList<>();
        for (int i = 0; i < chunk; i++) {
            events.add("{\"id\": \"c" + i + "\", \"type\": \"tags.added\", \"userId\": \"free\", \"tags\": [\"t" + i + "\"]}");
        }
        events.add("{\"id\": \"c" + chunk + "\", \"type\": \"tags.added\", \"userId\": \"held\", \"tags\": [\"late\"]}");
        String batch = "{\"events\": [" + String.join(",", events) + "]}";
        try (Connection holder = lockUser(s.id(), "held")) {
            assertUnavailable(within(Duration.ofSeconds(20), () -> s.key.req().body(batch).post(s.key.path("/events:batch"))));
            holder.rollback();
        }
        // the first chunk committed before the second met the lock; the second stored nothing
        s.get("/events/c0").statusCode(200);
        s.get("/events/c" + chunk).statusCode(404);
        int runsBefore = s.get("/runs?userId=free&limit=100").extract().path("items.size()");

        List<Map<String, Object>> results = s.key.req().body(batch).post(s.key.path("/events:batch")).then().statusCode(200)
                .extract().jsonPath().getList("results");
        assertThat(results).hasSize(chunk + 1);
        for (int i = 0; i < chunk; i++) {
            assertThat(results.get(i)).containsEntry("eventId", "c" + i).containsEntry("duplicate", true);
        }
        assertThat(results.get(chunk)).containsEntry("eventId", "c" + chunk).containsEntry("duplicate", false);
        s.get("/runs?userId=free&limit=100").statusCode(200).body("items.size()", equalTo(runsBefore));
        s.get("/runs?userId=held").statusCode(200).body("items.size()", equalTo(1));
    }

    private static void assertUnavailable(Response r) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(503);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.header("Retry-After")).matches("[1-9][0-9]*");
        assertThat(r.jsonPath().getString("title")).isEqualTo("Service Unavailable");
        assertThat(r.asString()).doesNotContain("Exception", "SQL", "ARJUNA");
    }

    /** Terminates every backend of the service's database but this test's own connection. */
    private static int terminateServiceBackends() throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
             var rs = c.createStatement().executeQuery("SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity "
                     + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND usename = current_user")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Another connection holding the user's row lock in an open transaction, as a slow writer would. */
    private static Connection lockUser(String schoolId, String userId) throws SQLException {
        Connection c = DriverManager.getConnection(URL, USER, PASSWORD);
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM users WHERE school_id = ? AND id = ? FOR UPDATE")) {
            ps.setString(1, schoolId);
            ps.setString(2, userId);
            try (var rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
            }
        }
        return c;
    }

    /** Fails instead of hanging when the service waits on the lock for as long as it likes. */
    private static Response within(Duration limit, Callable<Response> request) throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        try {
            return one.submit(request).get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            one.shutdownNow();
        }
    }

    private static List<Response> run(List<Callable<Response>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Response>> futures = pool.invokeAll(requests, 60, TimeUnit.SECONDS);
            List<Response> out = new ArrayList<>();
            for (Future<Response> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    private interface Request {
        Response send(int i) throws Exception;
    }

    private static void parallel(int n, Request request) throws Exception {
        List<Callable<Response>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            all.add(() -> request.send(k));
        }
        run(all);
    }

    private static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }
}
