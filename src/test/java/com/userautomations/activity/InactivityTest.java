package com.userautomations.activity;

import com.userautomations.events.InactivityWorker;
import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/**
 * user.inactive through REST: the scan is run at moved times ({@link InactivityWorker#scanAt}, what
 * its scheduled tick calls with the service's clock), never by sleeping.
 */
@QuarkusTest
class InactivityTest {
    private static final Duration DAYS_14 = Duration.ofDays(14);

    @Inject
    InactivityWorker worker;

    private static String reminder(School s) {
        return s.automation("""
                {"name": "Miss you", "triggers": [{"type": "user.inactive", "days": 14}],
                 "actions": [{"type": "add_tags", "tags": ["reminded"]},
                             {"type": "send_email", "to": "user", "subject": "We miss you, {user.firstName}",
                              "body": "Come back to {school.name}"}]}""");
    }

    private static List<Map<String, Object>> runs(School s, String automationId) {
        return s.get("/runs?automationId=" + automationId).statusCode(200).extract().jsonPath().getList("items");
    }

    private static void visit(School s, String id, Instant at) {
        s.event("{\"id\": \"" + id + "\", \"type\": \"user.visited\", \"userId\": \"u1\", \"occurredAt\": \"" + at + "\"}");
    }

    @Test
    void aRemainderAfter14DaysOncePerStretchAndAgainAfterTheNextVisit() {
        School s = School.create("inactive").user("u1", Map.of("email", "u1@x.test", "firstName", "Ann"));
        String id = reminder(s);
        Instant visit = Instant.now();
        visit(s, "v1", visit);

        worker.scanAt(visit.plus(DAYS_14).minusSeconds(60));
        assertThat(runs(s, id)).isEmpty();

        worker.scanAt(visit.plus(DAYS_14).plusSeconds(1));
        worker.scanAt(visit.plus(DAYS_14).plusSeconds(120)); // the next scan starts nothing more
        List<Map<String, Object>> runs = runs(s, id);
        assertThat(runs).singleElement().satisfies(r -> {
            assertThat(r).containsEntry("eventId", null).containsEntry("trigger", "user.inactive")
                    .containsEntry("status", "completed").containsEntry("userId", "u1");
        });
        assertThat(s.tags("u1")).containsExactly("reminded");
        s.get("/emails?automationId=" + id).statusCode(200).body("items[0].subject", equalTo("We miss you, Ann"))
                .body("items[0].eventId", nullValue());

        // a new visit, a new stretch: a second reminder 14 days after it, not before
        Instant second = visit.plus(Duration.ofDays(20));
        visit(s, "v2", second);
        worker.scanAt(second.plus(DAYS_14).minusSeconds(60));
        assertThat(runs(s, id)).hasSize(1);
        worker.scanAt(second.plus(DAYS_14).plusSeconds(1));
        assertThat(runs(s, id)).hasSize(2);
    }

    @Test
    void twoScansAtOnceStartEachStretchsRunOnce() throws Exception {
        School s = School.create("inactive-two");
        String id = reminder(s);
        Instant visit = Instant.now();
        int users = 30;
        StringBuilder batch = new StringBuilder("{\"events\": [");
        for (int i = 0; i < users; i++) {
            s.user("u" + i, Map.of("email", "u" + i + "@x.test"));
            batch.append(i == 0 ? "" : ",").append("{\"id\": \"v").append(i).append("\", \"type\": \"user.visited\", ")
                    .append("\"userId\": \"u").append(i).append("\", \"occurredAt\": \"").append(visit).append("\"}");
        }
        s.key.req().body(batch.append("]}").toString()).post(s.key.path("/events:batch")).then().statusCode(200);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            Instant at = visit.plus(DAYS_14).plusSeconds(1);
            var first = pool.submit(() -> worker.scanAt(at));
            var second = pool.submit(() -> worker.scanAt(at));
            first.get();
            second.get();
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> runs = runs(s, id);
        assertThat(runs).hasSize(users);
        assertThat(runs.stream().map(r -> r.get("userId")).distinct()).hasSize(users);
    }

    @Test
    void aVisitBeforeTheAutomationWasActiveDoesNotCount() {
        School s = School.create("inactive-before").user("u1", Map.of("email", "u1@x.test"));
        Instant visit = Instant.now();
        visit(s, "v1", visit);
        String id = reminder(s);
        worker.scanAt(visit.plus(Duration.ofDays(30)));
        assertThat(runs(s, id)).isEmpty();
    }

    @Test
    void aLateVisitWhoseMomentHasPassedStartsOneRunAtOnce() {
        School s = School.create("inactive-late").user("u1", Map.of("email", "u1@x.test"));
        String id = reminder(s);
        // arrives now, happened 20 days ago: its moment has passed, so it falls due at its arrival
        Instant occurred = Instant.now().minus(Duration.ofDays(20)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        visit(s, "v1", occurred);
        worker.scanAt(Instant.now().plusSeconds(1));
        worker.scanAt(Instant.now().plusSeconds(2));
        assertThat(runs(s, id)).hasSize(1);
        s.getUser("u1").body("lastVisitedAt", equalTo(occurred.toString()));
    }

    @Test
    void aMomentDuringAPauseStartsNothing() {
        School s = School.create("inactive-paused").user("u1", Map.of("email", "u1@x.test"));
        String id = reminder(s);
        Instant visit = Instant.now();
        visit(s, "v1", visit);
        s.key.req().body("{\"status\": \"paused\"}").patch(s.key.path("/automations/" + id)).then().statusCode(200);
        worker.scanAt(visit.plus(DAYS_14).plusSeconds(1));
        s.key.req().body("{\"status\": \"active\"}").patch(s.key.path("/automations/" + id)).then().statusCode(200);
        worker.scanAt(visit.plus(DAYS_14).plusSeconds(120));
        assertThat(runs(s, id)).isEmpty();
        assertThat(s.tags("u1")).isEmpty();
    }

    @Test
    void onlyVisitsToTheListedCourseCountAndTheRunNamesIt() {
        School s = School.create("inactive-course").course("c1", false).course("c2", false)
                .user("u1", Map.of("email", "u1@x.test"));
        String id = s.automation("""
                {"name": "Course nudge", "triggers": [{"type": "user.inactive", "days": 3, "courseIds": ["c1"]}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "{course.title} misses you", "body": "b"}]}""");
        Instant visit = Instant.now();
        s.event("{\"id\": \"v1\", \"type\": \"user.visited\", \"userId\": \"u1\", \"courseId\": \"c2\", \"occurredAt\": \""
                + visit + "\"}");
        worker.scanAt(visit.plus(Duration.ofDays(4)));
        assertThat(runs(s, id)).isEmpty();
        s.event("{\"id\": \"v2\", \"type\": \"user.visited\", \"userId\": \"u1\", \"courseId\": \"c1\", \"occurredAt\": \""
                + visit + "\"}");
        worker.scanAt(visit.plus(Duration.ofDays(4)));
        assertThat(runs(s, id)).hasSize(1);
        s.get("/emails?automationId=" + id).statusCode(200).body("items[0].subject", equalTo("Course c1 misses you"));
    }
}
