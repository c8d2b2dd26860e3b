package com.userautomations.durable;

import com.fasterxml.jackson.databind.JsonNode;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two service processes (the packaged PostgreSQL build) on one database schema, as operators
 * scale it out. Their outbox and timer workers share one backlog and must never send an email
 * or resume a wait twice; an automation saved, paused, changed or deleted through one process
 * is live in the other before that process answers its next event.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoProcessesIT {
    private static final Path DIR = Path.of("target", "durable-two").toAbsolutePath();
    private static final String SCHOOL = "two";
    private static final String S = "/api/v1/schools/" + SCHOOL;
    private static final List<String> ADMINS = List.of("owner@two.test", "ops@two.test");
    private static final int USERS = Integer.getInteger("two.users", 200);

    private static PgSchema db;
    private static SmtpSink smtp;
    private static ServiceProcess a;
    private static ServiceProcess b;
    private static Client viaA;
    private static Client viaB;

    @BeforeAll
    static void startTwoProcesses() throws IOException {
        db = PgSchema.recreate("durable_two");
        smtp = new SmtpSink();
        a = new ServiceProcess("two-a", db, smtp.port(), DIR, Map.of());
        b = new ServiceProcess("two-b", db, smtp.port(), DIR, Map.of());
        // one after the other: the first migrates the schema, the second finds it migrated
        a.startAndAwaitReady();
        b.startAndAwaitReady();
        Client op = new Client(a.baseUrl(), ServiceProcess.OPERATOR_TOKEN);
        String key = op.post("/api/v1/schools", Client.json(Map.of("id", SCHOOL, "name", "Two Academy",
                "adminEmails", ADMINS, "fromEmail", "school@two.test"))).expect(201).json().get("apiKey").asText();
        viaA = op.as(key);
        viaB = viaA.at(b.baseUrl());
        viaA.put(S + "/courses/c1", "{\"title\": \"Course one\", \"paid\": false}").expect(200, 201);
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable c : new AutoCloseable[]{a, b, smtp}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                System.out.println("closing " + c + ": " + e);
            }
        }
    }

    /**
     * Save, pause, change and delete through one process; the very next event, posted to the
     * other process right after the save answered, sees the change. Both directions, several
     * times, with the other process's rule base warm (cached) before each change.
     */
    @Test
    @Order(1)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void aChangeSavedThroughOneProcessIsLiveInTheOtherBeforeItsNextEvent() throws IOException {
        viaB.post(S + "/events", signup("live-user", "live@two.test")).expect(202);
        for (int i = 1; i <= 6; i++) {
            boolean aToB = i % 2 == 1;
            Client save = aToB ? viaA : viaB;
            Client other = aToB ? viaB : viaA;
            String where = (aToB ? "saved through A, event to B" : "saved through B, event to A") + ", round " + i;
            String coupon = "LIVE-" + i;
            // warm the other process's rule base for this school
            assertThat(runsOf(other.post(S + "/events", coupon("warm-" + i, coupon)).expect(202).json(), null))
                    .as(where).isEmpty();

            String created = save.post(S + "/automations", liveAutomation(coupon, "active", "live-" + i + "-v1"))
                    .expect(201).text();
            String id = Client.JSON.readTree(created).get("id").asText();
            List<JsonNode> runs = runsOf(other.post(S + "/events", coupon("live-" + i + "-created", coupon))
                    .expect(202).json(), id);
            assertThat(runs).as("the new automation runs in the other process (" + where + ")").hasSize(1);
            assertThat(runs.get(0).get("version").asInt()).isEqualTo(1);

            save.patch(S + "/automations/" + id, "{\"status\": \"paused\"}").expect(200);
            assertThat(runsOf(other.post(S + "/events", coupon("live-" + i + "-paused", coupon)).expect(202).json(), id))
                    .as("the paused automation does not run in the other process (" + where + ")").isEmpty();

            JsonNode changed = save.put(S + "/automations/" + id, liveAutomation(coupon, "active", "live-" + i + "-v2"))
                    .expect(200).json();
            runs = runsOf(other.post(S + "/events", coupon("live-" + i + "-changed", coupon)).expect(202).json(), id);
            assertThat(runs).as("the changed automation runs in the other process (" + where + ")").hasSize(1);
            assertThat(runs.get(0).get("version").asInt()).as(where).isEqualTo(changed.get("version").asInt())
                    .isGreaterThan(1);

            save.delete(S + "/automations/" + id).expect(204);
            assertThat(runsOf(other.post(S + "/events", coupon("live-" + i + "-deleted", coupon)).expect(202).json(), id))
                    .as("the deleted automation does not run in the other process (" + where + ")").isEmpty();
        }
        JsonNode user = viaA.get(S + "/users/live-user").expect(200).json();
        List<String> tags = new ArrayList<>();
        user.get("tags").forEach(t -> tags.add(t.asText()));
        List<String> expected = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            expected.add("live-" + i + "-v1");
            expected.add("live-" + i + "-v2");
        }
        assertThat(tags).containsExactlyInAnyOrderElementsOf(expected);
    }

    /**
     * A backlog of emails and waits that both processes' workers drain at once: every email
     * reaches the SMTP server exactly once and is sent once; every wait resumes once.
     */
    @Test
    @Order(2)
    @Timeout(value = 4, unit = TimeUnit.MINUTES)
    void bothProcessesDrainOneBacklogWithoutDoingAnythingTwice() throws Exception {
        Instant t0 = Instant.now();
        // every team run waits until one moment, so both processes' timer workers meet on the same due runs
        Instant teamDue = t0.plusSeconds(25).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String hello = viaA.post(S + "/automations", """
                {"name": "hello", "triggers": [{"type": "user.signed_up"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Hello {user.firstName}", "body": "Welcome"},
                             %s
                             {"type": "add_tags", "tags": ["followed-up"]},
                             {"type": "send_email", "to": "user", "subject": "Follow-up {user.firstName}", "body": "Day two"}]}"""
                .formatted("{\"type\": \"wait\", \"duration\": \"PT2S\"},")).expect(201).json()
                .get("id").asText();
        String team = viaA.post(S + "/automations", """
                {"name": "team", "triggers": [{"type": "tags.added", "tags": ["team"]}],
                 "actions": [{"type": "send_email", "to": "admins", "subject": "Team {user.firstName}", "body": "{user.email}"},
                             %s
                             {"type": "add_tags", "tags": ["team-checked"]},
                             {"type": "send_email", "to": "user", "subject": "Checked {user.firstName}", "body": "You are in"}]}"""
                .formatted("{\"type\": \"wait\", \"until\": \"" + teamDue + "\"},")).expect(201).json()
                .get("id").asText();

        // the backlog: batches through both processes, sign-ups first, then tags for every other user
        List<String> signups = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            signups.add(signup("b" + u, "b" + u + "@two.test"));
            if (u % 2 == 0) {
                tags.add("{\"id\": \"b" + u + "-team\", \"type\": \"tags.added\", \"userId\": \"b" + u
                        + "\", \"tags\": [\"team\"]}");
            }
        }
        postBatches(signups);
        postBatches(tags);
        System.out.printf("backlog posted in %ds: %d events; %d emails queued, %d received so far%n",
                secondsSince(t0), signups.size() + tags.size(),
                db.count("SELECT count(*) FROM emails WHERE status IN ('queued', 'sending')"), smtp.count());

        awaitDrained(Duration.ofSeconds(150));
        System.out.printf("drained in %ds%n", secondsSince(t0));

        // what should have happened, once each
        Set<String> expected = new HashSet<>();
        for (int u = 0; u < USERS; u++) {
            expected.add("b" + u + "@two.test|Hello B" + u);
            expected.add("b" + u + "@two.test|Follow-up B" + u);
            if (u % 2 == 0) {
                for (String admin : ADMINS) {
                    expected.add(admin + "|Team B" + u);
                }
                expected.add("b" + u + "@two.test|Checked B" + u);
            }
        }
        SoftAssertions soft = new SoftAssertions();

        // the SMTP server: each exactly once
        Map<String, List<SmtpSink.Received>> received = smtp.byKey();
        Map<String, Integer> twice = new TreeMap<>();
        received.forEach((k, v) -> {
            if (v.size() > 1) {
                twice.put(k + " from " + v.stream().map(SmtpSink.Received::helo).toList(), v.size());
            }
        });
        Map<String, Long> byProcess = received.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(r -> String.valueOf(r.helo()), TreeMap::new, Collectors.counting()));
        System.out.println("emails received per process: " + byProcess);
        soft.assertThat(twice).as("emails the SMTP server received more than once").isEmpty();
        soft.assertThat(received.keySet()).as("emails received").containsExactlyInAnyOrderElementsOf(expected);
        soft.assertThat(byProcess.keySet()).as("both processes' outbox workers sent part of the backlog")
                .contains(a.heloName(), b.heloName());

        // the API, asked through either process: every email sent, once
        for (Client c : List.of(viaA, viaB)) {
            JsonNode emails = c.get(S + "/emails?limit=1000").expect(200).json().get("items");
            Map<String, Integer> rows = new HashMap<>();
            List<String> notSent = new ArrayList<>();
            for (JsonNode e : emails) {
                if (e.get("eventId").asText().startsWith("b")) {
                    rows.merge(e.get("to").asText() + "|" + e.get("subject").asText(), 1, Integer::sum);
                    if (!"sent".equals(e.get("status").asText())) {
                        notSent.add(e.toString());
                    }
                }
            }
            soft.assertThat(notSent).as("emails not sent").isEmpty();
            soft.assertThat(rows.keySet()).as("email rows").containsExactlyInAnyOrderElementsOf(expected);
            soft.assertThat(rows.values()).as("email rows per (recipient, subject)").allMatch(n -> n == 1);
        }

        // every run: one per (automation, event), completed once, every action done
        for (String automation : List.of(hello, team)) {
            JsonNode runs = viaB.get(S + "/runs?automationId=" + automation + "&limit=1000").expect(200).json()
                    .get("items");
            Map<String, Integer> perEvent = new HashMap<>();
            List<String> unfinished = new ArrayList<>();
            for (JsonNode run : runs) {
                perEvent.merge(run.get("eventId").asText(), 1, Integer::sum);
                List<String> notDone = new ArrayList<>();
                for (JsonNode action : run.get("actions")) {
                    if (!"done".equals(action.get("status").asText())) {
                        notDone.add(action.toString());
                    }
                }
                if (!"completed".equals(run.get("status").asText()) || !notDone.isEmpty()) {
                    unfinished.add(run.get("runId").asText() + " " + run.get("status").asText() + ", actions not done "
                            + notDone + ", its emails: " + emailsOf(run.get("runId").asText(), received));
                }
            }
            soft.assertThat(unfinished).as("runs not completed with every action done").isEmpty();
            soft.assertThat(perEvent).as("runs per event").hasSize(automation.equals(hello) ? USERS : (USERS + 1) / 2);
            soft.assertThat(perEvent.values()).as("runs per event").allMatch(n -> n == 1);
        }
        // the post-wait tags are there, for exactly those users
        soft.assertThat(usersTagged("followed-up")).hasSize(USERS);
        soft.assertThat(usersTagged("team-checked")).hasSize((USERS + 1) / 2);
        soft.assertThat(db.count("SELECT count(*) FROM runs WHERE status = 'waiting'")).as("runs still waiting").isZero();
        System.out.printf("backlog test took %ds%n", secondsSince(t0));
        List<String> warnings = new ArrayList<>();
        for (ServiceProcess p : List.of(a, b)) {
            warnings.addAll(p.grepLogs(l -> (l.contains(" ERROR ") || l.contains(" WARN "))
                    && !l.contains("every() value less than 1000 ms")));
        }
        warnings.stream().limit(30).forEach(l -> System.out.println("  " + l));
        soft.assertThat(warnings).as("errors and warnings in the service logs").isEmpty();
        soft.assertAll();
    }

    /** A run's email rows with the process that delivered each (from the SMTP Received header). */
    private static List<String> emailsOf(String runId, Map<String, List<SmtpSink.Received>> received) {
        List<String> out = new ArrayList<>();
        for (var row : db.rows("SELECT action_index, to_address, subject, status, attempts, sent_at FROM emails "
                + "WHERE run_id = ? ORDER BY action_index, recipient_index", runId)) {
            List<SmtpSink.Received> got = received.getOrDefault(row.get("to_address") + "|" + row.get("subject"), List.of());
            out.add(row.get("action_index") + ":" + row.get("to_address") + " " + row.get("status") + " at "
                    + row.get("sent_at") + " by " + got.stream().map(SmtpSink.Received::helo).toList());
        }
        return out;
    }

    /**
     * The same event delivered to both processes at the same moment (a platform retrying
     * against a load balancer): one is processed (202), the other answers the stored answer
     * (200, duplicate), one run, one email.
     */
    @Test
    @Order(3)
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theSameEventPostedToBothProcessesAtOnceRunsOnce() throws Exception {
        String twin = viaA.post(S + "/automations", """
                {"name": "twin", "triggers": [{"type": "coupon.claimed", "couponCodes": ["TWIN"]}],
                 "actions": [{"type": "add_tags", "tags": ["twin"]},
                             {"type": "send_email", "to": "user", "subject": "Twin {user.firstName}", "body": "Once"}]}""")
                .expect(201).json().get("id").asText();
        int pairs = 30;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        List<String> problems = new ArrayList<>();
        try {
            for (int i = 0; i < pairs; i++) {
                viaA.put(S + "/users/t" + i, "{\"email\": \"t" + i + "@two.test\", \"firstName\": \"T" + i + "\"}")
                        .expect(200, 201);
                String body = "{\"id\": \"t" + i + "-coupon\", \"type\": \"coupon.claimed\", \"userId\": \"t" + i
                        + "\", \"couponCode\": \"TWIN\"}";
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                var first = pool.submit(() -> {
                    together.await();
                    return viaA.post(S + "/events", body);
                });
                var second = pool.submit(() -> {
                    together.await();
                    return viaB.post(S + "/events", body);
                });
                Client.Response ra = first.get(60, TimeUnit.SECONDS);
                Client.Response rb = second.get(60, TimeUnit.SECONDS);
                Set<Integer> statuses = Set.of(ra.status(), rb.status());
                if (!statuses.equals(Set.of(200, 202))) {
                    problems.add("t" + i + ": answers " + ra.status() + " " + ra.text() + " / " + rb.status() + " " + rb.text());
                    continue;
                }
                JsonNode processed = (ra.status() == 202 ? ra : rb).json();
                JsonNode duplicate = (ra.status() == 200 ? ra : rb).json();
                if (processed.get("duplicate").asBoolean() || !duplicate.get("duplicate").asBoolean()
                        || !processed.get("runs").equals(duplicate.get("runs")) || processed.get("runs").size() != 1) {
                    problems.add("t" + i + ": answers differ: " + processed + " / " + duplicate);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(problems).as("concurrent twins").isEmpty();
        awaitDrained(Duration.ofSeconds(60));
        JsonNode runs = viaA.get(S + "/runs?automationId=" + twin + "&limit=1000").expect(200).json().get("items");
        assertThat(runs).hasSize(pairs);
        Map<String, List<SmtpSink.Received>> received = smtp.byKey();
        for (int i = 0; i < pairs; i++) {
            assertThat(received.getOrDefault("t" + i + "@two.test|Twin T" + i, List.of())).as("twin email " + i).hasSize(1);
        }
    }

    private static void postBatches(List<String> events) throws IOException {
        int size = 50;
        for (int from = 0, n = 0; from < events.size(); from += size, n++) {
            List<String> batch = events.subList(from, Math.min(events.size(), from + size));
            Client c = n % 2 == 0 ? viaA : viaB;
            JsonNode results = c.post(S + "/events:batch", "{\"events\": [" + String.join(",", batch) + "]}")
                    .expect(200).json().get("results");
            for (JsonNode r : results) {
                assertThat(r.has("eventId")).as("batch result " + r).isTrue();
            }
        }
    }

    private static Set<String> usersTagged(String tag) throws IOException {
        Set<String> ids = new HashSet<>();
        String cursor = null;
        do {
            JsonNode page = viaA.get(S + "/users?tag=" + tag + "&limit=1000" + (cursor == null ? "" : "&cursor=" + cursor))
                    .expect(200).json();
            page.get("items").forEach(u -> ids.add(u.get("id").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return ids;
    }

    private static void awaitDrained(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        int quiet = 0;
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            long queued = db.count("SELECT count(*) FROM emails WHERE status IN ('queued', 'sending')");
            long waiting = db.count("SELECT count(*) FROM runs WHERE status = 'waiting'");
            long pending = db.count("SELECT count(*) FROM run_actions WHERE status = 'pending'");
            last = "queued emails " + queued + ", waiting runs " + waiting + ", pending actions " + pending;
            // pending actions are waited for a few seconds once nothing is queued or waiting; if they stay,
            // the checks below name them
            quiet = queued == 0 && waiting == 0 ? quiet + 1 : 0;
            if (quiet >= 2 && (pending == 0 || quiet >= 6)) {
                System.out.println("drained: " + last);
                return;
            }
            ServiceProcess.sleep(1000);
        }
        throw new AssertionError("not drained after " + timeout + ": " + last);
    }

    /** The runs an event's answer names, of one automation (or all with null). */
    private static List<JsonNode> runsOf(JsonNode answer, String automationId) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode r : answer.get("runs")) {
            if (automationId == null || automationId.equals(r.get("automationId").asText())) {
                out.add(r);
            }
        }
        return out;
    }

    private static String liveAutomation(String coupon, String status, String tag) {
        return """
                {"name": "live %s", "status": "%s", "triggers": [{"type": "coupon.claimed", "couponCodes": ["%s"]}],
                 "actions": [{"type": "add_tags", "tags": ["%s"]}]}""".formatted(coupon, status, coupon, tag);
    }

    private static String coupon(String id, String code) {
        return "{\"id\": \"" + id + "\", \"type\": \"coupon.claimed\", \"userId\": \"live-user\", \"couponCode\": \"" + code
                + "\"}";
    }

    private static String signup(String userId, String email) {
        return Client.json(Map.of("id", userId + "-signup", "type", "user.signed_up", "userId", userId,
                "user", Map.of("email", email, "firstName", userId.substring(0, 1).toUpperCase() + userId.substring(1))));
    }

    private static long secondsSince(Instant t) {
        return Duration.between(t, Instant.now()).toSeconds();
    }
}
