package com.userautomations.durable;

import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.webhooks.WebhookReceiver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing acknowledged is lost and nothing happens twice across {@code kill -9}.
 *
 * <p>The packaged PostgreSQL build runs as a separate process with a real SMTP server in this
 * JVM. Several client threads post a stream of events (four per user: sign-up, enrollment,
 * tags, coupon; a fifth, the tag {@code goal}, for every fourth user) to automations that send
 * emails, change the directory, chain and wait, and to flows ({@link FlowExpectation}: branches,
 * waits, exit goals and a wait_for that the stream's coupon resumes or its timeout ends, each user's run checked against the one outcome its flow allows). The
 * service is killed with SIGKILL at three random moments during the stream and started again
 * each time; clients retry every event that got no answer (connection refused or reset, 5xx)
 * with the same id and body until it is answered, and record each 200/202 as acknowledged.
 * When the stream has ended and the outbox and timers have drained, the database, the API and
 * the SMTP server are checked against what the events must have caused, exactly once.
 *
 * <p>The only duplicate allowed is the one DESIGN.md names: an email that reached the SMTP
 * server from a process killed before it could mark the email sent, and was sent again after
 * the restart. It must come from the killed incarnation (the HELO name in the Received header)
 * just before its kill, and the service must have flagged the email as a possible duplicate
 * (and logged it). Those are counted and printed with their timing relative to the kill.
 *
 * <p>The school's platform is a webhook receiver in this JVM, subscribed to every event type,
 * that checks each request's signature and answers 500 to the first 25 requests (so retries
 * cross the kills too). Every change an action made, every run's end and every sent email must
 * reach it under exactly one {@code webhook-id}, signed; the same id may arrive twice only in a
 * crash window, flagged by the service as a possible duplicate, as for emails.
 */
class CrashIT {
    private static final Path DIR = Path.of("target", "durable-crash").toAbsolutePath();
    private static final String SCHOOL = "crash";
    private static final String ADMIN = "owner@crash.test";
    private static final int USERS = Integer.getInteger("crash.users", 1250);
    private static final int CLIENTS = Integer.getInteger("crash.clients", 6);
    private static final int KILLS = 3;
    /** Users are posted in small chunks, each chunk round by round, so waits fall due during the stream. */
    private static final int CHUNK = 10;
    /** A receipt this close before (or after) a kill is in the crash window. */
    private static final Duration WINDOW_BEFORE = Duration.ofSeconds(5);
    private static final Duration WINDOW_AFTER = Duration.ofSeconds(1);

    /** The flows of the school, each with what it must have done for every user. */
    private static final List<FlowExpectation> FLOWS = List.of(new JourneyFlow(), new PursuitFlow());

    /** One event of the stream: its id, the JSON body posted every time, whose user and what kind. */
    record Ev(String id, int user, String kind, String body) {
    }

    /** A kill: which incarnation, its pid, and when. */
    record Kill(int incarnation, long pid, Instant at, int ackedBefore) {
    }

    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    /** When the client had each event's first answer. */
    private final Map<String, Instant> acknowledgedAt = new ConcurrentHashMap<>();
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private final AtomicInteger ackCount = new AtomicInteger();
    private final AtomicLong ioErrors = new AtomicLong();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong duplicatesAnswered = new AtomicLong();

    @Test
    @Timeout(value = 290, unit = TimeUnit.SECONDS)
    void killNineDuringAStreamOfEventsLosesNothingAndDuplicatesNothing() throws Exception {
        try {
            stream();
        } catch (Throwable t) {
            // printed here as well: the report of a test that fails late in a long run is easy to lose
            System.out.println("CrashIT failed: " + t);
            throw t;
        }
    }

    private void stream() throws Exception {
        Instant t0 = Instant.now();
        long seed = Long.getLong("crash.seed", System.nanoTime());
        Random random = new Random(seed);
        System.out.println("CrashIT seed " + seed + " (-Dcrash.seed=" + seed + " repeats the kill moments)");

        PgSchema schema = PgSchema.recreate("durable_crash");
        try (SmtpSink smtp = new SmtpSink();
             WebhookReceiver platform = WebhookReceiver.start();
             ServiceProcess svc = new ServiceProcess("crash", schema, smtp.port(), DIR, Map.of(
                     // the receiver is on 127.0.0.1 over http, as inside a private network
                     "AUTOMATIONS_WEBHOOKS_ALLOW_PRIVATE_NETWORKS", "true",
                     // retries within seconds, enough of them to outlast the first 25 answers of 500
                     "AUTOMATIONS_WEBHOOKS_RETRY_SCHEDULE", "PT1S,PT1S,PT1S,PT2S,PT2S,PT2S,PT3S,PT3S,PT5S,PT5S"))) {
            svc.startAndAwaitReady();
            System.out.printf("service up after %ds (pid %d, port %d, log %s)%n", secondsSince(t0), svc.pid(), svc.port(),
                    svc.log());
            Client client = new Client(svc.baseUrl(), ServiceProcess.OPERATOR_TOKEN);
            String key = client.post("/api/v1/schools", Client.json(Map.of("id", SCHOOL, "name", "Crash Academy",
                    "adminEmails", List.of(ADMIN), "fromEmail", "school@crash.test"))).expect(201).json()
                    .get("apiKey").asText();
            Client api = client.as(key);
            String s = "/api/v1/schools/" + SCHOOL;
            api.put(s + "/courses/c1", "{\"title\": \"Course one\", \"paid\": false}").expect(200, 201);
            api.put(s + "/courses/c2", "{\"title\": \"Bonus course\", \"paid\": false}").expect(200, 201);
            JsonNode endpoint = api.post(s + "/webhooks", Client.json(Map.of("url", platform.url(), "events", List.of("*"))))
                    .expect(201).json();
            platform.trust(endpoint.get("secret").asText());
            platform.failFirst(25);
            Map<String, String> automations = new LinkedHashMap<>();
            automations.put("welcome", create(api, s, """
                    {"name": "welcome", "triggers": [{"type": "user.signed_up"}],
                     "conditions": {"all": [{"type": "email_domain", "domains": ["mail.test"]}]},
                     "actions": [{"type": "send_email", "to": "user", "subject": "Welcome {user.firstName}", "body": "Hello {user.firstName}"},
                                 %s
                                 {"type": "add_tags", "tags": ["welcomed"]},
                                 {"type": "send_email", "to": "user", "subject": "Day two {user.firstName}", "body": "How is it going?"}]}"""
                    .formatted(waitStep("PT1S"))));
            automations.put("onboard", create(api, s, """
                    {"name": "onboard", "triggers": [{"type": "user.signed_up"}],
                     "actions": [%s {"type": "add_tags", "tags": ["onboarded"]}]}""".formatted(waitStep("PT1S"))));
            automations.put("enrolled", create(api, s, """
                    {"name": "enrolled", "triggers": [{"type": "user.enrolled", "courseIds": ["c1"]}],
                     "actions": [{"type": "add_tags", "tags": ["learning"]},
                                 %s
                                 {"type": "add_tags", "tags": ["checked-in"]}]}""".formatted(waitStep("PT2S"))));
            automations.put("vip", create(api, s, """
                    {"name": "vip", "triggers": [{"type": "tags.added", "tags": ["vip"]}],
                     "actions": [{"type": "send_email", "to": "admins", "subject": "VIP {user.firstName}", "body": "{user.email} is a VIP"},
                                 {"type": "enroll", "courseIds": ["c2"]}]}"""));
            automations.put("bonus", create(api, s, """
                    {"name": "bonus", "triggers": [{"type": "user.enrolled", "courseIds": ["c2"]}],
                     "actions": [%s
                                 {"type": "add_tags", "tags": ["bonus"]},
                                 {"type": "send_email", "to": "user", "subject": "Bonus {user.firstName}", "body": "Enjoy {course.title}"}]}"""
                    .formatted(waitStep("PT3S"))));
            automations.put("coupon", create(api, s, """
                    {"name": "coupon", "triggers": [{"type": "coupon.claimed"}],
                     "actions": [{"type": "add_tags", "tags": ["coupon"]}]}"""));
            for (FlowExpectation flow : FLOWS) {
                automations.put(flow.name(), create(api, s, flow.definition()));
            }
            Map<String, String> nameOf = automations.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getValue, Map.Entry::getKey));

            // ---- the stream, with three kills at random moments ----
            List<List<Ev>> perClient = plan();
            int total = perClient.stream().mapToInt(List::size).sum();
            List<Integer> thresholds = new ArrayList<>();
            for (int k = 0; k < KILLS; k++) {
                double lo = 0.12 + k * 0.27;
                thresholds.add((int) (total * (lo + random.nextDouble() * 0.18)));
            }
            System.out.printf("posting %d events for %d users from %d clients; kills after %s acknowledgements%n",
                    total, USERS, CLIENTS, thresholds);
            Client.quietConnectFailures = true;
            Instant streamStart = Instant.now();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (List<Ev> events : perClient) {
                done.add(clients.submit(() -> {
                    for (Ev e : events) {
                        postUntilAnswered(api, s + "/events", e);
                    }
                    return null;
                }));
            }
            List<Kill> kills = new ArrayList<>();
            for (int threshold : thresholds) {
                while (ackCount.get() < threshold && !allDone(done)) {
                    Thread.sleep(20);
                }
                if (allDone(done)) {
                    break;
                }
                Thread.sleep(random.nextInt(400));
                Kill kill = new Kill(svc.incarnation(), svc.pid(), Instant.now(), ackCount.get());
                svc.kill9();
                kills.add(kill);
                System.out.printf("kill -9 incarnation %d (pid %d) at %s after %d acknowledgements, %d emails received; "
                                + "left behind: %d runs waiting (%d of them flows'), %d emails and %d webhook deliveries queued%n",
                        kill.incarnation(), kill.pid(), kill.at(), kill.ackedBefore(), smtp.count(),
                        schema.count("SELECT count(*) FROM runs WHERE status = 'waiting'"),
                        schema.count("SELECT count(*) FROM runs r JOIN automations a ON a.school_id = r.school_id "
                                + "AND a.id = r.automation_id WHERE r.status = 'waiting' AND a.name IN (" + FLOWS.stream()
                                .map(f -> "'" + f.name() + "'").collect(Collectors.joining(", ")) + ")"),
                        schema.count("SELECT count(*) FROM emails WHERE status IN ('queued', 'sending')"),
                        schema.count("SELECT count(*) FROM webhook_deliveries WHERE status IN ('queued', 'sending')"));
                svc.start();
                svc.awaitReady(Duration.ofSeconds(120));
                System.out.printf("incarnation %d ready after %.1fs (pid %d)%n", svc.incarnation(),
                        Duration.between(kill.at(), Instant.now()).toMillis() / 1000.0, svc.pid());
            }
            clients.shutdown();
            for (var f : done) {
                f.get(200, TimeUnit.SECONDS);
            }
            System.out.printf("stream done in %ds: %d acknowledged (%d answered as duplicates), %d refused, "
                            + "%d connection errors, %d 5xx answers%n", secondsSince(streamStart), ackCount.get(),
                    duplicatesAnswered.get(), refused.size(), ioErrors.get(), serverErrors.get());
            assertThat(kills).as("kills during the stream").hasSize(KILLS);

            // ---- drain: the outbox empties, every wait resumes ----
            Instant drainStart = Instant.now();
            awaitDrained(schema, smtp, platform, Duration.ofSeconds(120));
            System.out.printf("drained in %ds%n", secondsSince(drainStart));

            // ---- checks ----
            Report report = check(schema, api, s, perClient, nameOf, smtp, kills, svc);
            checkDeliveries(report, schema, platform, nameOf, kills);
            FLOWS.forEach(flow -> report.printFlow(flow.name()));
            List<String> errors = svc.grepLogs(l -> l.contains(" ERROR ") || l.contains(" WARN "));
            System.out.println("service log lines at WARN or ERROR: " + errors.size());
            errors.stream().limit(40).forEach(l -> System.out.println("  " + l));
            System.out.printf("CrashIT took %ds%n", secondsSince(t0));

            assertThat(refused).as("events refused (4xx other than idempotent answers)").isEmpty();
            assertThat(acknowledged).as("every event acknowledged").hasSize(total);
            // first: a flow run that went another way also leaves other emails, tags and webhooks than expected
            assertThat(report.flowDefects).as("flow runs that took a path their flow does not allow: " + report.flowDetail)
                    .isZero();
            assertThat(report.duplicateEffects).as("duplicate effects: " + report.duplicateDetail).isZero();
            assertThat(report.lostEvents).as("lost events: " + report.lostDetail).isZero();
            assertThat(report.lostEffects).as("lost effects: " + report.lostEffectDetail).isZero();
            assertThat(report.unfinished).as("unfinished runs and actions: " + report.unfinishedDetail).isZero();
            assertThat(report.outsideWindow).as("emails received twice outside a crash window: " + report.outsideDetail)
                    .isZero();
            assertThat(report.webhookDefects).as("webhook deliveries lost, duplicated or unsigned: " + report.webhookDetail)
                    .isZero();
        }
    }

    private static String waitStep(String duration) {
        return "{\"type\": \"wait\", \"duration\": \"" + duration + "\"},";
    }

    private static String create(Client api, String s, String json) throws IOException {
        return api.post(s + "/automations", json).expect(201).json().get("id").asText();
    }

    /** Every sixth user gets the tag vip (an admin email, a chained enrollment, a wait and a bonus email). */
    static boolean vip(int user) {
        return user % 6 == 0;
    }

    /** Every fourth user is given the tag goal, the exit goal of the journey flow, after the coupon. */
    static boolean goal(int user) {
        return user % 4 == 0;
    }

    /** Every fifth user has an address at mail.test, which the welcome automation emails. */
    private static boolean mail(int user) {
        return user % 5 == 0;
    }

    static String address(int user) {
        return "u" + user + (mail(user) ? "@mail.test" : "@crash.test");
    }

    /** The events of each client: its users in chunks, each chunk posted round by round (per-user order kept). */
    private static List<List<Ev>> plan() {
        List<List<Ev>> perClient = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            perClient.add(new ArrayList<>());
        }
        List<Integer> users = new ArrayList<>();
        for (int u = 0; u < USERS; u++) {
            users.add(u);
        }
        for (int c = 0; c < CLIENTS; c++) {
            List<Integer> mine = new ArrayList<>();
            for (int u = c; u < USERS; u += CLIENTS) {
                mine.add(u);
            }
            for (int from = 0; from < mine.size(); from += CHUNK) {
                List<Integer> chunk = mine.subList(from, Math.min(mine.size(), from + CHUNK));
                for (String kind : List.of("signup", "enroll", "tags", "coupon", "goal")) {
                    for (int u : chunk) {
                        if (!kind.equals("goal") || goal(u)) {
                            perClient.get(c).add(event(u, kind));
                        }
                    }
                }
            }
        }
        return perClient;
    }

    private static Ev event(int u, String kind) {
        String id = "u" + u + "-" + kind;
        String user = "u" + u;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("userId", user);
        switch (kind) {
            case "signup" -> {
                body.put("type", "user.signed_up");
                body.put("user", Map.of("email", address(u), "firstName", "U" + u));
            }
            case "enroll" -> {
                body.put("type", "user.enrolled");
                body.put("courseId", "c1");
            }
            case "tags" -> {
                body.put("type", "tags.added");
                body.put("tags", List.of(vip(u) ? "vip" : "regular"));
            }
            case "coupon" -> {
                body.put("type", "coupon.claimed");
                body.put("couponCode", "C" + u);
            }
            case "goal" -> {
                body.put("type", "tags.added");
                body.put("tags", List.of("goal"));
            }
            default -> throw new IllegalArgumentException(kind);
        }
        return new Ev(id, u, kind, Client.json(body));
    }

    /** Posts one event until it is answered: the same id and body every time. */
    private void postUntilAnswered(Client api, String path, Ev e) {
        Instant deadline = Instant.now().plusSeconds(180);
        while (Instant.now().isBefore(deadline)) {
            try {
                Client.Response r = api.post(path, e.body());
                if (r.status() == 200 || r.status() == 202) {
                    JsonNode answer = r.json();
                    if (!e.id().equals(answer.path("eventId").asText())) {
                        refused.put(e.id(), r.status() + " with an answer for another event: " + r.text());
                        return;
                    }
                    if (answer.path("duplicate").asBoolean()) {
                        duplicatesAnswered.incrementAndGet();
                    }
                    acknowledgedAt.putIfAbsent(e.id(), Instant.now());
                    acknowledged.put(e.id(), r.status());
                    ackCount.incrementAndGet();
                    return;
                }
                if (r.status() >= 500 || r.status() == 429) {
                    serverErrors.incrementAndGet();
                } else {
                    refused.put(e.id(), r.status() + " " + r.text());
                    return;
                }
            } catch (IOException ex) {
                ioErrors.incrementAndGet();
            }
            ServiceProcess.sleep(100 + ThreadLocalRandom.current().nextInt(200));
        }
        refused.put(e.id(), "no answer within 180s");
    }

    private static boolean allDone(List<java.util.concurrent.Future<?>> futures) {
        return futures.stream().allMatch(java.util.concurrent.Future::isDone);
    }

    /** Until no email or delivery is queued, no run waits and no action is pending, twice in a row a second apart. */
    private static void awaitDrained(PgSchema db, SmtpSink smtp, WebhookReceiver platform, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        int quiet = 0;
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            long queued = db.count("SELECT count(*) FROM emails WHERE status IN ('queued', 'sending')");
            long waiting = db.count("SELECT count(*) FROM runs WHERE status = 'waiting'");
            long pending = db.count("SELECT count(*) FROM run_actions WHERE status = 'pending'");
            long deliveries = db.count("SELECT count(*) FROM webhook_deliveries WHERE status IN ('queued', 'sending')");
            last = "queued emails " + queued + ", waiting runs " + waiting + ", pending actions " + pending
                    + ", queued webhook deliveries " + deliveries + ", received " + smtp.count() + " emails and "
                    + platform.deliveries().size() + " webhook requests";
            quiet = queued == 0 && waiting == 0 && pending == 0 && deliveries == 0 ? quiet + 1 : 0;
            if (quiet >= 2) {
                return;
            }
            ServiceProcess.sleep(1000);
        }
        System.out.println("not drained after " + timeout + ": " + last);
    }

    static final class Report {
        long duplicateEffects;
        long lostEvents;
        long lostEffects;
        long unfinished;
        long outsideWindow;
        long webhookDefects;
        long flowDefects;
        /** Per flow run (by id): the outcome its flow allowed that it took, else the first one allowed. */
        final Map<String, FlowExpectation.Outcome> flowOutcomes = new HashMap<>();
        /** Per flow: how many runs took each outcome. */
        final Map<String, Map<String, Integer>> flowCounts = new TreeMap<>();
        final List<String> duplicateDetail = new ArrayList<>();
        final List<String> lostDetail = new ArrayList<>();
        final List<String> lostEffectDetail = new ArrayList<>();
        final List<String> unfinishedDetail = new ArrayList<>();
        final List<String> outsideDetail = new ArrayList<>();
        final List<String> webhookDetail = new ArrayList<>();
        final List<String> flowDetail = new ArrayList<>();

        void printFlow(String flow) {
            System.out.println("flow " + flow + ": runs by outcome " + flowCounts.getOrDefault(flow, Map.of()));
            flowDetail.stream().filter(l -> l.startsWith(flow + " ")).forEach(l -> System.out.println("  " + l));
        }

        static void note(List<String> detail, String line) {
            if (detail.size() < 30) {
                detail.add(line);
            }
        }
    }

    private Report check(PgSchema db, Client api, String s, List<List<Ev>> perClient, Map<String, String> nameOf,
                         SmtpSink smtp, List<Kill> kills, ServiceProcess svc) throws IOException {
        Report r = new Report();
        List<Ev> all = perClient.stream().flatMap(List::stream).toList();

        // -- every acknowledged event is stored, answered, its state change applied, its runs present --
        Map<String, Map<String, Object>> events = new HashMap<>();
        for (var row : db.rows("SELECT id, answer FROM events WHERE school_id = ?", SCHOOL)) {
            events.put((String) row.get("id"), row);
        }
        Set<String> runIds = new HashSet<>();
        for (var row : db.rows("SELECT id FROM runs WHERE school_id = ?", SCHOOL)) {
            runIds.add((String) row.get("id"));
        }
        Map<String, Set<String>> tags = new HashMap<>();
        for (var row : db.rows("SELECT user_id, tag FROM user_tags WHERE school_id = ?", SCHOOL)) {
            tags.computeIfAbsent((String) row.get("user_id"), k -> new HashSet<>()).add((String) row.get("tag"));
        }
        Map<String, String> enrollments = new HashMap<>();
        for (var row : db.rows("SELECT user_id, course_id, status FROM enrollments WHERE school_id = ?", SCHOOL)) {
            enrollments.put(row.get("user_id") + "/" + row.get("course_id"), (String) row.get("status"));
        }
        Set<String> users = new HashSet<>();
        for (var row : db.rows("SELECT id FROM users WHERE school_id = ?", SCHOOL)) {
            users.add((String) row.get("id"));
        }
        long processed = events.values().stream().filter(e -> e.get("answer") != null).count();
        for (Ev e : all) {
            if (!acknowledged.containsKey(e.id())) {
                continue;
            }
            var row = events.get(e.id());
            if (row == null || row.get("answer") == null) {
                r.lostEvents++;
                Report.note(r.lostDetail, e.id() + ": acknowledged but " + (row == null ? "not stored" : "no answer stored"));
                continue;
            }
            JsonNode answer = Client.JSON.readTree((String) row.get("answer"));
            for (JsonNode run : answer.path("runs")) {
                if (!runIds.contains(run.path("runId").asText())) {
                    r.lostEvents++;
                    Report.note(r.lostDetail, e.id() + ": its answer names run " + run.path("runId").asText()
                            + ", which is not stored");
                }
            }
            String u = "u" + e.user();
            boolean applied = switch (e.kind()) {
                case "signup" -> users.contains(u);
                case "enroll" -> enrollments.containsKey(u + "/c1");
                case "tags" -> tags.getOrDefault(u, Set.of()).contains(vip(e.user()) ? "vip" : "regular");
                case "goal" -> tags.getOrDefault(u, Set.of()).contains("goal");
                default -> true;
            };
            if (!applied) {
                r.lostEvents++;
                Report.note(r.lostDetail, e.id() + ": acknowledged but its state change is missing");
            }
        }
        // the API answers for a sample of them
        List<Ev> sample = new ArrayList<>(all);
        Collections.shuffle(sample, new Random(1));
        for (Ev e : sample.subList(0, Math.min(150, sample.size()))) {
            if (!acknowledged.containsKey(e.id())) {
                continue;
            }
            Client.Response got = api.get(s + "/events/" + e.id());
            if (got.status() != 200 || got.json().path("answer").isMissingNode() || got.json().path("answer").isNull()) {
                r.lostEvents++;
                Report.note(r.lostDetail, "GET /events/" + e.id() + " -> " + got.status() + " " + got.text());
            }
        }

        // -- runs: one per (automation, root event, user); expected ones present; all finished --
        Map<String, List<Map<String, Object>>> runsByKey = new HashMap<>();
        for (var row : db.rows("SELECT id, automation_id, root_event_id, user_id, depth, status, resume_at, error, "
                + "started_at FROM runs WHERE school_id = ?", SCHOOL)) {
            String k = nameOf.get((String) row.get("automation_id")) + " " + row.get("root_event_id") + " "
                    + row.get("user_id");
            runsByKey.computeIfAbsent(k, x -> new ArrayList<>()).add(row);
        }
        Set<String> expectedRuns = new HashSet<>();
        Set<String> expectedEmails = new HashSet<>();
        for (Ev e : all) {
            if (!acknowledged.containsKey(e.id())) {
                continue;
            }
            String u = "u" + e.user();
            String first = "U" + e.user();
            String to = address(e.user());
            switch (e.kind()) {
                case "signup" -> {
                    expectedRuns.add("onboard " + e.id() + " " + u);
                    if (mail(e.user())) {
                        expectedRuns.add("welcome " + e.id() + " " + u);
                        expectedEmails.add(to + "|Welcome " + first);
                        expectedEmails.add(to + "|Day two " + first);
                    }
                }
                case "enroll" -> expectedRuns.add("enrolled " + e.id() + " " + u);
                case "tags" -> {
                    if (vip(e.user())) {
                        expectedRuns.add("vip " + e.id() + " " + u);
                        expectedRuns.add("bonus " + e.id() + " " + u);
                        expectedEmails.add(ADMIN + "|VIP " + first);
                        expectedEmails.add(to + "|Bonus " + first);
                    }
                }
                case "coupon" -> expectedRuns.add("coupon " + e.id() + " " + u);
                case "goal" -> {
                }
                default -> throw new IllegalStateException();
            }
            for (FlowExpectation flow : FLOWS) {
                if (e.kind().equals(flow.startedBy(e.user()))) {
                    expectedRuns.add(flow.name() + " " + e.id() + " " + u);
                }
            }
        }
        // -- flows: each run took one of the outcomes its flow allows, and its effects are expected --
        Map<String, Set<String>> flowTags = new HashMap<>();
        checkFlows(r, db, all, runsByKey, flowTags, expectedEmails);
        for (var entry : runsByKey.entrySet()) {
            if (entry.getValue().size() > 1) {
                r.duplicateEffects += entry.getValue().size() - 1;
                Report.note(r.duplicateDetail, "runs for one (automation, event, user) " + entry.getKey() + ": "
                        + entry.getValue());
            }
            if (!expectedRuns.contains(entry.getKey())) {
                r.duplicateEffects += entry.getValue().size();
                Report.note(r.duplicateDetail, "unexpected run " + entry.getKey() + ": " + entry.getValue());
            }
            for (var run : entry.getValue()) {
                FlowExpectation.Outcome outcome = r.flowOutcomes.get((String) run.get("id"));
                String status = outcome == null ? "completed" : outcome.status();
                if (!status.equals(run.get("status"))) {
                    r.unfinished++;
                    Report.note(r.unfinishedDetail, "run " + entry.getKey() + " is " + run);
                }
            }
        }
        for (String k : expectedRuns) {
            if (!runsByKey.containsKey(k)) {
                r.lostEffects++;
                Report.note(r.lostEffectDetail, "no run " + k);
            }
        }
        long dueWaiting = db.count("SELECT count(*) FROM runs WHERE school_id = ? AND status = 'waiting' "
                + "AND resume_at < now() - interval '10 seconds'", SCHOOL);
        if (dueWaiting > 0) {
            r.unfinished += dueWaiting;
            Report.note(r.unfinishedDetail, dueWaiting + " runs still waiting more than 10s after their due time");
        }
        for (var row : db.rows("SELECT a.run_id, a.idx, a.type, a.status, a.attempts, a.error FROM run_actions a "
                + "WHERE a.school_id = ? AND a.status <> 'done'", SCHOOL)) {
            r.unfinished++;
            Report.note(r.unfinishedDetail, "action not done: " + row);
        }

        // -- tags that post-wait actions add: present exactly for those users --
        for (int u = 0; u < USERS; u++) {
            Set<String> want = new HashSet<>(Set.of("onboarded", "learning", "checked-in", "coupon",
                    vip(u) ? "vip" : "regular"));
            if (mail(u)) {
                want.add("welcomed");
            }
            if (vip(u)) {
                want.add("bonus");
            }
            if (goal(u)) {
                want.add("goal");
            }
            want.addAll(flowTags.getOrDefault("u" + u, Set.of()));
            Set<String> have = tags.getOrDefault("u" + u, Set.of());
            if (!have.equals(want)) {
                r.lostEffects++;
                Report.note(r.lostEffectDetail, "u" + u + " has tags " + have + ", expected " + want);
            }
        }

        // -- email rows: one per expected (recipient, subject), all sent --
        Map<String, List<Map<String, Object>>> rowsByKey = new HashMap<>();
        for (var row : db.rows("SELECT id, run_id, action_index, recipient_index, to_address, subject, status, attempts, "
                + "last_error, created_at, sent_at FROM emails WHERE school_id = ?", SCHOOL)) {
            rowsByKey.computeIfAbsent(row.get("to_address") + "|" + row.get("subject"), x -> new ArrayList<>()).add(row);
        }
        long emailRows = rowsByKey.values().stream().mapToLong(List::size).sum();
        for (var entry : rowsByKey.entrySet()) {
            if (entry.getValue().size() > 1) {
                r.duplicateEffects += entry.getValue().size() - 1;
                Report.note(r.duplicateDetail, "email rows for one (recipient, subject) " + entry.getKey() + ": "
                        + entry.getValue());
            }
            if (!expectedEmails.contains(entry.getKey())) {
                r.duplicateEffects += entry.getValue().size();
                Report.note(r.duplicateDetail, "unexpected email row " + entry.getKey());
            }
        }
        for (String k : expectedEmails) {
            if (!rowsByKey.containsKey(k)) {
                r.lostEffects++;
                Report.note(r.lostEffectDetail, "no email row " + k);
            }
        }

        // -- what the SMTP server received: each email once, except in a crash window --
        Map<String, List<SmtpSink.Received>> received = smtp.byKey();
        long receivedTotal = received.values().stream().mapToLong(List::size).sum();
        Map<Integer, Kill> killOf = new TreeMap<>();
        for (Kill k : kills) {
            killOf.put(k.incarnation(), k);
        }
        long inWindow = 0;
        List<String> windowLines = new ArrayList<>();
        for (var entry : rowsByKey.entrySet()) {
            List<SmtpSink.Received> got = received.getOrDefault(entry.getKey(), List.of());
            boolean sent = entry.getValue().stream().anyMatch(x -> "sent".equals(x.get("status")));
            if (got.isEmpty()) {
                if (sent) {
                    r.lostEffects++;
                    Report.note(r.lostEffectDetail, "email marked sent but never received: " + entry.getValue());
                }
                continue;
            }
            long extra = got.size() - (sent ? 1 : 0);
            if (extra <= 0) {
                continue;
            }
            // every receipt but the one the sent row stands for must come from a killed process just before its kill
            List<SmtpSink.Received> ordered = got.stream().sorted(java.util.Comparator.comparing(SmtpSink.Received::at))
                    .toList();
            List<SmtpSink.Received> suspects = sent ? ordered.subList(0, ordered.size() - 1) : ordered;
            // the service flags an email it sent again after a worker died mid-send (and logs it)
            boolean flagged = entry.getValue().stream().anyMatch(x -> x.get("last_error") != null
                    && x.get("last_error").toString().contains("possible duplicate"));
            for (SmtpSink.Received x : suspects) {
                Kill k = killOf.get(incarnationOf(x.helo()));
                boolean near = k != null && !x.at().isBefore(k.at().minus(WINDOW_BEFORE))
                        && !x.at().isAfter(k.at().plus(WINDOW_AFTER));
                long ms = k == null ? 0 : Duration.between(x.at(), k.at()).toMillis();
                String line = String.format("%s received %d times (row %s, %s); first copy from %s at %s, %s",
                        entry.getKey(), got.size(), sent ? "sent" : "not sent",
                        flagged ? "flagged 'possible duplicate' by the service" : "NOT flagged by the service",
                        x.helo(), x.at(), k == null ? "and that process was not killed"
                                : ms >= 0 ? ms + " ms before it was killed" : -ms + " ms after the kill signal");
                if (near && flagged) {
                    inWindow++;
                    windowLines.add(line);
                } else {
                    r.outsideWindow++;
                    r.duplicateEffects++;
                    Report.note(r.outsideDetail, line);
                }
            }
        }
        long flaggedRows = rowsByKey.values().stream().flatMap(List::stream).filter(x -> x.get("last_error") != null
                && x.get("last_error").toString().contains("possible duplicate")).count();
        for (var entry : received.entrySet()) {
            if (!rowsByKey.containsKey(entry.getKey())) {
                r.duplicateEffects += entry.getValue().size();
                Report.note(r.duplicateDetail, "received without an email row: " + entry.getKey());
            }
        }

        Map<String, Long> byProcess = received.values().stream().flatMap(List::stream)
                .collect(Collectors.groupingBy(x -> String.valueOf(x.helo()), TreeMap::new, Collectors.counting()));
        System.out.println("---- CrashIT results ----");
        System.out.println("kills: " + kills);
        System.out.println("email rows: " + emailRows + " (expected " + expectedEmails.size() + "), runs: "
                + runsByKey.values().stream().mapToInt(List::size).sum() + " (expected " + expectedRuns.size() + ")");
        System.out.println("emails received per process incarnation: " + byProcess);
        windowLines.forEach(l -> System.out.println("crash window: " + l));
        System.out.println("email rows the service flagged as a possible duplicate (sent again after a worker died "
                + "mid-send): " + flaggedRows);
        System.out.println("events acknowledged: " + acknowledged.size());
        System.out.println("events processed: " + processed);
        System.out.println("duplicate effects: " + r.duplicateEffects);
        System.out.println("lost events: " + r.lostEvents);
        System.out.println("emails received: " + receivedTotal);
        System.out.println("emails duplicated in the crash window: " + inWindow);
        System.out.println("lost effects: " + r.lostEffects);
        System.out.println("unfinished runs and actions: " + r.unfinished);
        for (List<String> d : List.of(r.duplicateDetail, r.lostDetail, r.lostEffectDetail, r.unfinishedDetail,
                r.outsideDetail)) {
            d.forEach(l -> System.out.println("  " + l));
        }
        return r;
    }

    /**
     * Every flow run against its flow's expectation: its status and the steps it recorded (each
     * once, in path order, never a branch not taken) are those of one outcome the flow allows the
     * user. That outcome's tags, emails and changes join the expected ones, checked with the rest.
     */
    private void checkFlows(Report r, PgSchema db, List<Ev> all, Map<String, List<Map<String, Object>>> runsByKey,
                            Map<String, Set<String>> flowTags, Set<String> expectedEmails) {
        Map<String, List<String>> steps = new HashMap<>();
        for (var row : db.rows("SELECT run_id, step, status, branch, outcome FROM run_actions WHERE school_id = ? "
                + "ORDER BY run_id, idx", SCHOOL)) {
            steps.computeIfAbsent((String) row.get("run_id"), k -> new ArrayList<>()).add(stepLine(row));
        }
        Map<Integer, Map<String, Instant>> acknowledgedByUser = new HashMap<>();
        for (Ev e : all) {
            Instant at = acknowledgedAt.get(e.id());
            if (at != null) {
                acknowledgedByUser.computeIfAbsent(e.user(), k -> new HashMap<>()).put(e.kind(), at);
            }
        }
        for (FlowExpectation flow : FLOWS) {
            for (Ev e : all) {
                if (!acknowledged.containsKey(e.id()) || !e.kind().equals(flow.startedBy(e.user()))) {
                    continue;
                }
                String u = "u" + e.user();
                // a missing run is reported with the others; more than one, as a duplicate
                for (var run : runsByKey.getOrDefault(flow.name() + " " + e.id() + " " + u, List.of())) {
                    String runId = (String) run.get("id");
                    FlowExpectation.UserFacts facts = new FlowExpectation.UserFacts(e.user(),
                            acknowledgedByUser.getOrDefault(e.user(), Map.of()), instant(run.get("started_at")));
                    List<FlowExpectation.Outcome> allowed = flow.allowed(facts);
                    List<String> took = steps.getOrDefault(runId, List.of());
                    FlowExpectation.Outcome outcome = allowed.stream()
                            .filter(o -> o.status().equals(run.get("status")) && o.steps().equals(took))
                            .findFirst().orElse(null);
                    if (outcome == null) {
                        r.flowDefects++;
                        Report.note(r.flowDetail, flow.name() + " " + u + " (run " + runId + ") ended " + run.get("status")
                                + " with steps " + took + "; its flow allows only " + allowed.stream()
                                .map(o -> o.status() + " " + o.steps()).toList() + " (" + facts + ")");
                        outcome = allowed.get(0);
                    }
                    r.flowOutcomes.put(runId, outcome);
                    r.flowCounts.computeIfAbsent(flow.name(), k -> new TreeMap<>()).merge(outcome.label(), 1, Integer::sum);
                    flowTags.computeIfAbsent(u, k -> new HashSet<>()).addAll(outcome.tags());
                    outcome.subjects().forEach(subject -> expectedEmails.add(address(e.user()) + "|" + subject));
                }
            }
        }
    }

    /** A run_actions row as {@link FlowExpectation.Outcome#steps()} writes it. */
    private static String stepLine(Map<String, Object> row) {
        Object how = row.get("branch") != null ? row.get("branch") : row.get("outcome");
        return row.get("step") + " " + row.get("status") + (how == null ? "" : " " + how);
    }

    private static Instant instant(Object timestamp) {
        if (timestamp instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (timestamp instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        throw new IllegalStateException("not a timestamp: " + timestamp);
    }

    /** What each run's actions change, as the platform hears it: type and detail (tags or course). */
    private static final Map<String, List<String>> CHANGES = Map.of(
            "welcome", List.of("tags.added [welcomed]"),
            "onboard", List.of("tags.added [onboarded]"),
            "enrolled", List.of("tags.added [learning]", "tags.added [checked-in]"),
            "vip", List.of("user.enrolled c2"),
            "bonus", List.of("tags.added [bonus]"),
            "coupon", List.of("tags.added [coupon]"));

    /**
     * The platform heard every change, every run's end and every sent email once: one
     * {@code webhook-id} each, verified, the same id twice only in a crash window and flagged.
     * The runs and emails it is checked against were themselves checked against the stream.
     */
    private static void checkDeliveries(Report r, PgSchema db, WebhookReceiver platform, Map<String, String> nameOf,
                                        List<Kill> kills) throws IOException {
        Set<String> expected = new HashSet<>();
        for (var run : db.rows("SELECT id, automation_id, user_id, status FROM runs WHERE school_id = ?", SCHOOL)) {
            String name = nameOf.get((String) run.get("automation_id"));
            String who = name + " " + run.get("user_id");
            // an exited run's end is told as run.completed too, with its status
            expected.add("run.completed " + who + " " + run.get("status"));
            FlowExpectation.Outcome outcome = r.flowOutcomes.get((String) run.get("id"));
            for (String change : outcome != null ? outcome.changes() : CHANGES.get(name)) {
                String[] typeAndDetail = change.split(" ", 2);
                expected.add(typeAndDetail[0] + " " + who + " " + typeAndDetail[1]);
            }
        }
        for (var email : db.rows("SELECT id FROM emails WHERE school_id = ? AND status = 'sent'", SCHOOL)) {
            expected.add("email.sent " + email.get("id"));
        }
        Map<String, Map<String, Object>> rows = new HashMap<>();
        for (var row : db.rows("SELECT id, type, status, attempts, last_error FROM webhook_deliveries WHERE school_id = ?",
                SCHOOL)) {
            rows.put((String) row.get("id"), row);
        }

        List<WebhookReceiver.Delivery> requests = platform.deliveries();
        // change -> webhook-id -> the times a 2xx was answered for it
        Map<String, Map<String, List<Instant>>> accepted = new TreeMap<>();
        long unverified = 0;
        for (WebhookReceiver.Delivery d : requests) {
            if (!d.verified()) {
                unverified++;
                r.webhookDefects++;
                Report.note(r.webhookDetail, "request " + d.id() + " not verified: " + d.failure());
                continue;
            }
            if (d.answeredStatus() / 100 != 2) {
                continue;
            }
            accepted.computeIfAbsent(changeOf(Client.JSON.readTree(d.body()), nameOf), k -> new TreeMap<>())
                    .computeIfAbsent(d.id(), k -> new ArrayList<>()).add(d.receivedAt());
        }
        long inWindow = 0;
        for (var change : accepted.entrySet()) {
            if (!expected.contains(change.getKey())) {
                r.webhookDefects++;
                Report.note(r.webhookDetail, "the platform heard of a change nothing made: " + change.getKey());
            }
            if (change.getValue().size() > 1) {
                r.webhookDefects += change.getValue().size() - 1;
                Report.note(r.webhookDetail, change.getKey() + " delivered under " + change.getValue().size()
                        + " webhook-ids: " + change.getValue().keySet());
            }
            for (var id : change.getValue().entrySet()) {
                List<Instant> times = id.getValue().stream().sorted().toList();
                if (times.size() == 1) {
                    continue;
                }
                var row = rows.get(id.getKey());
                boolean flagged = row != null && row.get("last_error") != null
                        && row.get("last_error").toString().contains("possible duplicate");
                for (Instant first : times.subList(0, times.size() - 1)) {
                    boolean near = kills.stream().anyMatch(k -> !first.isBefore(k.at().minus(WINDOW_BEFORE))
                            && !first.isAfter(k.at().plus(WINDOW_AFTER)));
                    if (near && flagged) {
                        inWindow++;
                        System.out.println("crash window: webhook " + id.getKey() + " (" + change.getKey()
                                + ") accepted " + times.size() + " times, first at " + first);
                    } else {
                        r.webhookDefects++;
                        Report.note(r.webhookDetail, "webhook " + id.getKey() + " (" + change.getKey() + ") accepted at "
                                + times + (flagged ? "" : ", not flagged") + (near ? "" : ", outside a crash window"));
                    }
                }
            }
        }
        for (String change : expected) {
            if (!accepted.containsKey(change)) {
                r.webhookDefects++;
                Report.note(r.webhookDetail, "the platform never heard: " + change);
            }
        }
        Set<String> acceptedIds = new HashSet<>();
        accepted.values().forEach(ids -> acceptedIds.addAll(ids.keySet()));
        for (var row : rows.values()) {
            if (!"delivered".equals(row.get("status")) || !acceptedIds.contains((String) row.get("id"))) {
                r.webhookDefects++;
                Report.note(r.webhookDetail, "delivery row " + row + (acceptedIds.contains((String) row.get("id"))
                        ? "" : ", never accepted by the platform"));
            }
        }
        long retried = rows.values().stream().filter(x -> ((Number) x.get("attempts")).intValue() > 1).count();
        System.out.println("---- CrashIT webhooks ----");
        System.out.println("webhook requests: " + requests.size() + " (" + unverified + " not verified), deliveries: "
                + rows.size() + " (" + retried + " took more than one attempt), changes heard: " + accepted.size()
                + " (expected " + expected.size() + ")");
        System.out.println("webhooks accepted twice in the crash window: " + inWindow);
        System.out.println("webhook defects: " + r.webhookDefects);
        r.webhookDetail.forEach(l -> System.out.println("  " + l));
    }

    /** {@code <type> <automation> <user> <detail>}, or {@code email.sent <emailId>}. */
    private static String changeOf(JsonNode body, Map<String, String> nameOf) {
        String type = body.path("type").asText();
        JsonNode data = body.path("data");
        if (type.startsWith("email.")) {
            return type + " " + data.path("emailId").asText();
        }
        String detail = switch (type) {
            case "tags.added", "tags.removed" -> {
                List<String> tags = new ArrayList<>();
                data.path("tags").forEach(t -> tags.add(t.asText()));
                yield tags.toString();
            }
            case "user.enrolled", "user.unenrolled" -> data.path("courseId").asText();
            case "run.completed", "run.failed" -> data.path("status").asText();
            default -> data.toString();
        };
        return type + " " + nameOf.getOrDefault(data.path("automationId").asText(), data.path("automationId").asText())
                + " " + data.path("userId").asText() + " " + detail;
    }

    private static int incarnationOf(String helo) {
        if (helo == null || !helo.contains("-")) {
            return -1;
        }
        try {
            return Integer.parseInt(helo.substring(helo.lastIndexOf('-') + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long secondsSince(Instant t) {
        return Duration.between(t, Instant.now()).toSeconds();
    }
}
