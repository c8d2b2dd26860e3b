package com.userautomations.backfill;

import com.userautomations.directory.UserStore;
import com.userautomations.support.School;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * Backfills through REST on PostgreSQL. The worker's scheduled tick is paused in each test, which
 * drives {@link BackfillWorker#work} (what the tick calls) or {@link BackfillWorker#page} itself, so
 * what a job has done at each point is known; {@link #theScheduledWorkerFinishesAJob} lets the tick run.
 */
@QuarkusTest
class BackfillTest {
    private static final List<String> CORP = List.of("c01", "c02", "c03", "c04", "c05", "c06", "c07");
    private static final List<String> OTHERS = List.of("o01", "o02", "o03", "o04", "o05");

    @Inject
    BackfillWorker worker;
    @Inject
    Scheduler scheduler;
    @Inject
    UserStore users;
    @Inject
    BackfillRunner runner;

    @BeforeEach
    void pauseTheTick() {
        scheduler.pause(BackfillWorker.IDENTITY);
    }

    @AfterEach
    void resumeTheTick() {
        scheduler.resume(BackfillWorker.IDENTITY);
    }

    /** 7 users at corp.test (who meet the conditions) and 5 elsewhere, interleaved in id order. */
    private static School school(String prefix) {
        School s = School.create(prefix);
        for (String u : CORP) {
            s.user(u, Map.of("email", u + "@corp.test", "firstName", "Ann " + u));
        }
        for (String u : OTHERS) {
            s.user(u, Map.of("email", u + "@other.test"));
        }
        return s;
    }

    private static String automation(School s, String reentry) {
        return s.automation("""
                {"name": "Corp welcome", "triggers": [{"type": "course.completed", "courseIds": ["c1"]}],
                 "conditions": {"all": [{"type": "email_domain", "domains": ["corp.test"]}]},
                 "actions": [{"type": "add_tags", "tags": ["backfilled"]},
                             {"type": "send_email", "to": "user", "subject": "Hello {user.firstName}", "body": "{course.title}"}],
                 "reentry": "%s"}""".formatted(reentry));
    }

    private static ValidatableResponse backfill(School s, String automationId, String body) {
        var req = s.key.req();
        if (body != null) {
            req = req.body(body);
        }
        return req.post(s.key.path("/automations/" + automationId + ":backfill")).then();
    }

    private static String start(School s, String automationId, String body) {
        return backfill(s, automationId, body).statusCode(202).body("jobId", notNullValue()).extract().path("jobId");
    }

    private static Map<String, Object> job(School s, String jobId) {
        return s.get("/jobs/" + jobId).statusCode(200).extract().jsonPath().getMap("");
    }

    private static List<Map<String, Object>> runs(School s, String automationId) {
        return s.get("/runs?automationId=" + automationId + "&limit=1000").statusCode(200).extract().jsonPath()
                .getList("items");
    }

    private static List<String> runUsers(School s, String automationId) {
        return runs(s, automationId).stream().map(r -> (String) r.get("userId")).sorted().collect(Collectors.toList());
    }

    private static void course(School s) {
        s.course("c1", false);
    }

    @Test
    void aBackfillRunsTheAutomationOnceForExactlyTheUsersMeetingItsConditions() {
        School s = school("backfill");
        course(s);
        String a = automation(s, "every_time");
        String jobId = start(s, a, "{}");
        assertThat(job(s, jobId)).containsEntry("status", "queued").containsEntry("kind", "backfill")
                .containsEntry("automationId", a).containsEntry("version", 1).containsEntry("dryRun", false)
                .containsEntry("total", null).containsEntry("processed", 0).containsEntry("startedAt", null);

        worker.work();

        Map<String, Object> done = job(s, jobId);
        assertThat(done).containsEntry("status", "completed").containsEntry("total", 12).containsEntry("processed", 12)
                .containsEntry("runs", 7).containsEntry("skipped", 0).containsEntry("error", null);
        assertThat(done.get("startedAt")).isNotNull();
        assertThat(done.get("finishedAt")).isNotNull();
        assertThat(runUsers(s, a)).containsExactlyElementsOf(CORP);
        assertThat(runs(s, a)).allSatisfy(r -> assertThat(r).containsEntry("eventId", null)
                .containsEntry("jobId", jobId).containsEntry("trigger", null).containsEntry("status", "completed"));
        for (String u : CORP) {
            assertThat(s.tags(u)).containsExactly("backfilled");
        }
        for (String u : OTHERS) {
            assertThat(s.tags(u)).isEmpty();
        }
        // the email of a run without an event: its course is the trigger's one course
        s.get("/emails?automationId=" + a + "&limit=100").statusCode(200)
                .body("items.size()", equalTo(7)).body("items[0].eventId", nullValue());

        // the worker finds nothing more to do for it
        worker.work();
        assertThat(runs(s, a)).hasSize(7);
    }

    @Test
    void aSecondJobRunsTheSameUsersAgainOncePerJob() {
        School s = school("backfill-again");
        course(s);
        String a = automation(s, "every_time");
        String first = start(s, a, null);
        worker.work();
        String second = start(s, a, null);
        worker.work();
        assertThat(job(s, second)).containsEntry("status", "completed").containsEntry("runs", 7);
        List<Map<String, Object>> runs = runs(s, a);
        assertThat(runs).hasSize(14);
        for (String job : List.of(first, second)) {
            assertThat(runs.stream().filter(r -> job.equals(r.get("jobId"))).map(r -> (String) r.get("userId")).sorted())
                    .containsExactlyElementsOf(CORP);
        }
        // newest first, with a cursor
        s.get("/jobs?automationId=" + a + "&limit=1").statusCode(200).body("items.size()", equalTo(1))
                .body("items[0].id", equalTo(second)).body("nextCursor", notNullValue());
        String cursor = s.get("/jobs?automationId=" + a + "&limit=1").extract().path("nextCursor");
        s.key.req().queryParam("automationId", a).queryParam("limit", "1").queryParam("cursor", cursor)
                .get(s.key.path("/jobs")).then().statusCode(200).body("items[0].id", equalTo(first))
                .body("nextCursor", nullValue());
        // a cursor serves the same filters only
        s.key.req().queryParam("limit", "1").queryParam("cursor", cursor).get(s.key.path("/jobs")).then()
                .statusCode(422).body("errors[0].field", equalTo("cursor"));
    }

    @Test
    void oncePerUserKeepsASecondJobFromRunningThemAgain() {
        School s = school("backfill-once");
        course(s);
        String a = automation(s, "once_per_user");
        start(s, a, null);
        worker.work();
        String second = start(s, a, null);
        worker.work();
        assertThat(job(s, second)).containsEntry("status", "completed").containsEntry("processed", 12)
                .containsEntry("runs", 0).containsEntry("skipped", 7);
        assertThat(runUsers(s, a)).containsExactlyElementsOf(CORP);
    }

    @Test
    void aDryRunOnlyCounts() {
        School s = school("backfill-dry");
        course(s);
        String a = automation(s, "every_time");
        String jobId = start(s, a, "{\"dryRun\": true}");
        worker.work();
        assertThat(job(s, jobId)).containsEntry("status", "completed").containsEntry("dryRun", true)
                .containsEntry("processed", 12).containsEntry("runs", 7);
        assertThat(runs(s, a)).isEmpty();
        for (String u : CORP) {
            assertThat(s.tags(u)).isEmpty();
        }
        s.get("/emails?automationId=" + a).statusCode(200).body("items.size()", equalTo(0));
    }

    @Test
    void cancelStopsAJobAndAnEndedJobCannotBeCancelled() {
        School s = school("backfill-cancel");
        course(s);
        String a = automation(s, "every_time");
        String jobId = start(s, a, null);
        assertThat(worker.page(5)).isTrue(); // c01..c05: all of them meet the conditions
        assertThat(job(s, jobId)).containsEntry("status", "running").containsEntry("processed", 5)
                .containsEntry("runs", 5);

        s.key.req().post(s.key.path("/jobs/" + jobId + ":cancel")).then().statusCode(202)
                .body("id", equalTo(jobId)).body("status", equalTo("cancelled")).body("finishedAt", notNullValue());
        worker.work();
        assertThat(job(s, jobId)).containsEntry("status", "cancelled").containsEntry("processed", 5);
        assertThat(runUsers(s, a)).containsExactly("c01", "c02", "c03", "c04", "c05");
        s.key.req().post(s.key.path("/jobs/" + jobId + ":cancel")).then().statusCode(409);
        // %3A, as many clients send the colon
        s.key.req().urlEncodingEnabled(false).post(s.key.path("/jobs/" + jobId + "%3Acancel")).then().statusCode(409);

        // once cancelled, a new job may start; it runs everyone who meets the conditions (once per job)
        String next = start(s, a, null);
        worker.work();
        assertThat(job(s, next)).containsEntry("status", "completed").containsEntry("runs", 7);
        s.key.req().post(s.key.path("/jobs/" + next + ":cancel")).then().statusCode(409);
    }

    @Test
    void aJobResumesAfterItsCommittedCursorAndNeverWaitsForABusyUser() throws Exception {
        School s = school("backfill-resume");
        course(s);
        String a = automation(s, "every_time");
        String jobId = start(s, a, null);
        assertThat(worker.page(3)).isTrue();
        assertThat(job(s, jobId)).containsEntry("processed", 3).containsEntry("runs", 3);

        // an event holds c05 (as a transaction on its row would): the worker goes up to it, not past it,
        // and does not wait
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> QuarkusTransaction.requiringNew().run(() -> {
            users.lock(s.id(), "c05");
            locked.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        holder.start();
        try {
            assertThat(locked.await(10, TimeUnit.SECONDS)).isTrue();
            worker.work();
            assertThat(job(s, jobId)).containsEntry("status", "running").containsEntry("processed", 4);
            assertThat(runUsers(s, a)).containsExactly("c01", "c02", "c03", "c04");
        } finally {
            release.countDown();
            holder.join();
        }

        // what a restarted process does: it picks the running job up at its committed cursor
        worker.work();
        assertThat(job(s, jobId)).containsEntry("status", "completed").containsEntry("processed", 12)
                .containsEntry("runs", 7);
        assertThat(runUsers(s, a)).containsExactlyElementsOf(CORP);
    }

    @Test
    void aPageThatDiesBeforeItCommitsLeavesNoRunAndNoProgress() {
        School s = school("backfill-crash");
        course(s);
        String a = automation(s, "every_time");
        String jobId = start(s, a, null);
        assertThat(worker.page(5)).isTrue();
        // the next page's process dies before its commit: its runs go with its cursor
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> QuarkusTransaction.requiringNew().run(() -> {
            assertThat(runner.page(5, 5).runs()).isEqualTo(2); // c06, c07 and three others
            throw new IllegalStateException("the process died here");
        })).hasMessageContaining("the process died here");
        assertThat(job(s, jobId)).containsEntry("status", "running").containsEntry("processed", 5)
                .containsEntry("runs", 5);
        assertThat(runUsers(s, a)).containsExactly("c01", "c02", "c03", "c04", "c05");

        worker.work();
        assertThat(job(s, jobId)).containsEntry("status", "completed").containsEntry("processed", 12)
                .containsEntry("runs", 7);
        assertThat(runUsers(s, a)).containsExactlyElementsOf(CORP);
    }

    @Test
    void pausedAutomationsAndLiveJobsAre409() {
        School s = school("backfill-409");
        course(s);
        String a = automation(s, "every_time");
        String jobId = start(s, a, null);
        backfill(s, a, null).statusCode(409);
        worker.page(5);
        backfill(s, a, "{\"dryRun\": true}").statusCode(409); // running
        s.key.req().post(s.key.path("/jobs/" + jobId + ":cancel")).then().statusCode(202);

        s.key.req().body("{\"status\": \"paused\"}").patch(s.key.path("/automations/" + a)).then().statusCode(200);
        backfill(s, a, null).statusCode(409);
        s.get("/jobs?automationId=" + a).statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void aJobOfAnAutomationPausedMeanwhileFails() {
        School s = school("backfill-paused");
        course(s);
        String a = automation(s, "every_time");
        String jobId = start(s, a, null);
        worker.page(5);
        s.key.req().body("{\"status\": \"paused\"}").patch(s.key.path("/automations/" + a)).then().statusCode(200);
        worker.work();
        Map<String, Object> j = job(s, jobId);
        assertThat(j).containsEntry("status", "failed").containsEntry("processed", 5);
        assertThat((String) j.get("error")).contains("paused");
        assertThat(runs(s, a)).hasSize(5);
    }

    @Test
    void whatARunWithoutAnEventCannotReadIs422AtTheField() {
        School s = school("backfill-422");
        String readsEvent = s.automation("""
                {"name": "Plan", "triggers": [{"type": "user.signed_up"}],
                 "conditions": {"all": [{"type": "field", "path": "event.fields.plan", "op": "exists"}]},
                 "actions": [{"type": "add_tags", "tags": ["x"]}]}""");
        backfill(s, readsEvent, null).statusCode(422).body("errors[0].field", equalTo("conditions.all[0].path"));
        String mergesEvent = s.automation("""
                {"name": "Plan mail", "triggers": [{"type": "user.signed_up"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Your {event.fields.plan}", "body": "Hi"}]}""");
        backfill(s, mergesEvent, null).statusCode(422).body("errors[0].field", equalTo("actions[0].subject"));
        s.course("c1", false).course("c2", false);
        String twoCourses = s.automation("""
                {"name": "Courses", "triggers": [{"type": "user.enrolled", "courseIds": ["c1", "c2"]}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "About {course.title}", "body": "Hi"}]}""");
        backfill(s, twoCourses, null).statusCode(422).body("errors[0].field", equalTo("actions[0].subject"));
        assertThat(s.get("/jobs").statusCode(200).extract().jsonPath().getList("items")).isEmpty();

        String fine = s.automation("""
                {"name": "Fine", "triggers": [{"type": "user.signed_up"}], "actions": [{"type": "add_tags", "tags": ["x"]}]}""");
        backfill(s, fine, "{\"dryRun\": \"yes\"}").statusCode(422).body("errors[0].field", equalTo("dryRun"));
        backfill(s, fine, "{\"dryrun\": true}").statusCode(422).body("errors[0].field", equalTo("dryrun"));
        backfill(s, fine, "[]").statusCode(400);
        assertThat(s.get("/jobs").statusCode(200).extract().jsonPath().getList("items")).isEmpty();
    }

    @Test
    void anotherSchoolsKeyGets404AndChangesNothing() {
        School s = school("backfill-tenant");
        course(s);
        String a = automation(s, "every_time");
        String jobId = start(s, a, null);
        School other = School.create("backfill-intruder");
        // the other school's key on its own path, naming our ids
        other.get("/jobs/" + jobId).statusCode(404);
        other.key.req().post(other.key.path("/jobs/" + jobId + ":cancel")).then().statusCode(404);
        backfill(other, a, null).statusCode(404);
        other.get("/jobs?automationId=" + a).statusCode(200).body("items.size()", equalTo(0));
        // and on our path
        other.key.req().get("/api/v1/schools/" + s.id() + "/jobs/" + jobId).then().statusCode(org.hamcrest.Matchers.oneOf(403, 404));
        assertThat(job(s, jobId)).containsEntry("status", "queued");
        worker.work();
        assertThat(job(s, jobId)).containsEntry("status", "completed");
    }

    @Test
    void injectionStringsInIdsAreUnknownIds() {
        School s = school("backfill-inject");
        for (String id : List.of("' OR '1'='1", "x'; DROP TABLE backfill_jobs; --", "job_%", "<script>", "a b")) {
            s.key.req().urlEncodingEnabled(true).get(s.key.path("/jobs/{id}"), id).then().statusCode(404);
            s.key.req().urlEncodingEnabled(true).post(s.key.path("/automations/{id}:backfill"), id).then().statusCode(404);
        }
        s.key.req().queryParam("automationId", "' OR 1=1 --").get(s.key.path("/jobs")).then().statusCode(200)
                .body("items.size()", equalTo(0));
    }

    @Test
    void theSchoolsFrequencyCapAppliesToABackfillsEmails() {
        School s = school("backfill-cap");
        course(s);
        com.userautomations.support.Api.as(s.key.key()).body("{\"frequencyCap\": {\"max\": 1, \"per\": \"P1D\"}}")
                .patch("/api/v1/schools/" + s.id()).then().statusCode(200);
        String a = s.automation("""
                {"name": "Two mails", "triggers": [{"type": "course.completed", "courseIds": ["c1"]}],
                 "conditions": {"all": [{"type": "email_domain", "domains": ["corp.test"]}]},
                 "actions": [{"type": "send_email", "to": "user", "subject": "First", "body": "x"},
                             {"type": "send_email", "to": "user", "subject": "Second", "body": "y"}]}""");
        String jobId = start(s, a, null);
        worker.work();
        assertThat(job(s, jobId)).containsEntry("status", "completed").containsEntry("runs", 7);
        List<Map<String, Object>> emails = s.get("/emails?automationId=" + a + "&limit=100").statusCode(200)
                .extract().jsonPath().getList("items");
        assertThat(emails).hasSize(14);
        assertThat(emails).filteredOn(e -> "Second".equals(e.get("subject")))
                .allSatisfy(e -> assertThat(e).containsEntry("status", "skipped")
                        .containsEntry("error", "over the school's frequency cap"));
        assertThat(emails).filteredOn(e -> "First".equals(e.get("subject")))
                .noneSatisfy(e -> assertThat(e).containsEntry("status", "skipped"));
    }

    @Test
    void theScheduledWorkerFinishesAJob() throws Exception {
        School s = school("backfill-tick");
        course(s);
        String a = automation(s, "every_time");
        String jobId = start(s, a, null);
        scheduler.resume(BackfillWorker.IDENTITY);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!"completed".equals(job(s, jobId).get("status")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(job(s, jobId)).containsEntry("status", "completed").containsEntry("runs", 7);
        assertThat(runUsers(s, a)).containsExactlyElementsOf(CORP);
    }
}
