package com.userautomations.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost of a {@code wait_for} check per event, and whether it grows with the waiting runs of
 * other users (not in the suite; docs/benchmarks.md, "Issue 13"). Against a running service
 * (the packaged PostgreSQL build, rate limit off), two schools with the same automation
 * (sign-up, then wait_for tags.added [go] for 30 days): {@code quiet} has only the measured
 * users' waiting runs, {@code busy} also {@code others} more (100,000 by default). Then, one
 * client, one event at a time, interleaved school by school so both see the same machine:
 * <ul>
 *   <li>{@code miss}: tags.added of a tag no wait_for names (the rule base finds no step);</li>
 *   <li>{@code probe}: tags.added [go] for a user with no run (the step matches, the user's
 *       waiting runs are read: none);</li>
 *   <li>{@code hit}: tags.added [go] for a waiting user (the run is claimed and resumed).</li>
 * </ul>
 * Latencies are the HTTP round trip. {@code BENCH_DATABASE_URL} (the service's database) is
 * needed to ANALYZE the tables as they grow while seeding: the machines' PostgreSQL runs without
 * autovacuum, and the service's prepared statements go to generic plans over stale statistics
 * (measured: 8 ms instead of 0.05 ms for the user's lock); it also prints the plan of the user's
 * waiting-run lookup in the busy school.
 *
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * BENCH_URL=http://127.0.0.1:8080 BENCH_OPERATOR_TOKEN=... \
 *   java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) com.userautomations.bench.WaitForBench 100000 2000
 * </pre>
 */
public final class WaitForBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String AUTOMATION = """
            {"name": "Waits for go", "triggers": [{"type": "user.signed_up"}],
             "actions": [{"type": "wait_for", "event": {"type": "tags.added", "tags": ["go"]}, "timeout": "P30D",
                          "then": [{"type": "add_tags", "tags": ["went"]}]}]}""";

    private final URI base;
    private final String operator;

    private WaitForBench(URI base, String operator) {
        this.base = base;
        this.operator = operator;
    }

    public static void main(String[] args) throws Exception {
        int others = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int measured = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        WaitForBench b = new WaitForBench(URI.create(System.getenv().getOrDefault("BENCH_URL", "http://127.0.0.1:8080")),
                System.getenv("BENCH_OPERATOR_TOKEN"));
        String suffix = Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        String quiet = "wfq" + suffix;
        String busy = "wfb" + suffix;
        String quietKey = b.school(quiet);
        String busyKey = b.school(busy);
        String busyAutomation = null;
        for (String[] s : new String[][]{{quiet, quietKey}, {busy, busyKey}}) {
            busyAutomation = JSON.readTree(b.post(s[1], "/api/v1/schools/" + s[0] + "/automations", AUTOMATION, 201))
                    .path("id").asText();
            b.signUps(s[0], s[1], "m", measured);
            for (int i = 0; i < measured; i++) {
                b.put(s[1], "/api/v1/schools/" + s[0] + "/users/p" + i, "{\"email\": \"p" + i + "@bench.test\"}");
            }
        }
        String db = System.getenv("BENCH_DATABASE_URL");
        analyze(db);
        long seeding = System.nanoTime();
        for (int from = 0; from < others; from += 20_000) {
            b.signUps(busy, busyKey, "o", from, Math.min(others, from + 20_000));
            analyze(db);
        }
        System.out.printf(Locale.ROOT, "seeded %d other waiting runs in %.1f s%n", others,
                (System.nanoTime() - seeding) / 1e9);

        Map<String, List<Long>> latencies = new LinkedHashMap<>();
        int warmup = Math.min(200, measured / 10);
        for (int i = 0; i < measured; i++) {
            boolean keep = i >= warmup;
            for (String[] s : new String[][]{{quiet, quietKey}, {busy, busyKey}}) {
                String events = "/api/v1/schools/" + s[0] + "/events";
                long miss = b.timed(s[1], events, tagsAdded("miss-" + i, "m" + i, "other-" + i), 0);
                long probe = b.timed(s[1], events, tagsAdded("probe-" + i, "p" + i, "go"), 0);
                long hit = b.timed(s[1], events, tagsAdded("hit-" + i, "m" + i, "go"), 1);
                if (keep) {
                    latencies.computeIfAbsent(s[0].substring(0, 3) + " miss", k -> new ArrayList<>()).add(miss);
                    latencies.computeIfAbsent(s[0].substring(0, 3) + " probe", k -> new ArrayList<>()).add(probe);
                    latencies.computeIfAbsent(s[0].substring(0, 3) + " hit", k -> new ArrayList<>()).add(hit);
                }
            }
        }
        System.out.printf(Locale.ROOT, "load average: %s%n", Files.readString(Path.of("/proc/loadavg")).trim());
        System.out.println("school kind   n     mean ms  p50 ms  p90 ms  p99 ms   (wfq: quiet, wfb: +" + others
                + " other waiting runs)");
        latencies.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            long[] v = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf(Locale.ROOT, "%-12s %5d %8.2f %7.2f %7.2f %7.2f%n", e.getKey(), v.length,
                    Arrays.stream(v).average().orElse(0) / 1e6, pct(v, 50), pct(v, 90), pct(v, 99));
        });
        plan(db, busy, busyAutomation);
    }

    private static double pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1e6;
    }

    private static String tagsAdded(String id, String user, String tag) {
        return "{\"id\": \"" + id + "\", \"type\": \"tags.added\", \"userId\": \"" + user + "\", \"tags\": [\"" + tag + "\"]}";
    }

    /** Creates a school; its API key. */
    private String school(String id) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve("/api/v1/schools"))
                .header("Authorization", "Bearer " + operator).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"id\": \"" + id + "\", \"name\": \"Bench " + id
                        + "\", \"fromEmail\": \"school@bench.test\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IllegalStateException("school: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body()).path("apiKey").asText();
    }

    /** {@code n} sign-ups in batches of 1,000: each starts a run waiting at the wait_for. */
    private void signUps(String school, String key, String prefix, int n) throws Exception {
        signUps(school, key, prefix, 0, n);
    }

    /** Sign-ups of users {@code first} to {@code n - 1}. */
    private void signUps(String school, String key, String prefix, int first, int n) throws Exception {
        for (int from = first; from < n; from += 1000) {
            StringBuilder body = new StringBuilder("{\"events\": [");
            for (int i = from; i < Math.min(n, from + 1000); i++) {
                body.append(i == from ? "" : ",").append("{\"id\": \"s-").append(prefix).append(i)
                        .append("\", \"type\": \"user.signed_up\", \"userId\": \"").append(prefix).append(i)
                        .append("\", \"user\": {\"email\": \"").append(prefix).append(i).append("@bench.test\"}}");
            }
            post(key, "/api/v1/schools/" + school + "/events:batch", body.append("]}").toString(), 200);
        }
    }

    private HttpResponse<String> send(String key, String path, String body, String method) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String post(String key, String path, String body, int expected) throws Exception {
        HttpResponse<String> r = send(key, path, body, "POST");
        if (r.statusCode() != expected) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private void put(String key, String path, String body) throws Exception {
        HttpResponse<String> r = send(key, path, body, "PUT");
        if (r.statusCode() / 100 != 2) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
    }

    /** Posts one event; its round trip in ns, after checking it resumed exactly {@code resumed} runs. */
    private long timed(String key, String path, String body, int resumed) throws Exception {
        long t0 = System.nanoTime();
        HttpResponse<String> r = send(key, path, body, "POST");
        long t = System.nanoTime() - t0;
        JsonNode answer = JSON.readTree(r.body());
        int got = 0;
        for (JsonNode run : answer.path("runs")) {
            got += run.path("resumed").asBoolean() ? 1 : 0;
        }
        if (r.statusCode() != 202 || got != resumed) {
            throw new IllegalStateException(body + ": " + r.statusCode() + " " + r.body());
        }
        return t;
    }

    private static Connection connect(String url) throws Exception {
        return DriverManager.getConnection(url, System.getenv().getOrDefault("BENCH_DATABASE_USER", "automations"),
                System.getenv().getOrDefault("BENCH_DATABASE_PASSWORD", "automations"));
    }

    /** What autovacuum would do as the tables grow (it is off on these machines). */
    private static void analyze(String url) throws Exception {
        try (Connection c = connect(url); var s = c.createStatement()) {
            for (String table : List.of("users", "user_tags", "events", "runs", "run_actions")) {
                s.execute("ANALYZE " + table);
            }
        }
    }

    /** The plan of the lookup an event makes for its user's runs waiting at a step. */
    private static void plan(String url, String school, String automation) throws Exception {
        try (Connection c = connect(url);
             PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, BUFFERS) SELECT id FROM runs WHERE school_id = ? "
                     + "AND user_id = ? AND status = 'waiting' AND automation_id = ? AND version = 1 AND next_step = ? "
                     + "ORDER BY started_at, id")) {
            ps.setString(1, school);
            ps.setString(2, "o77");
            ps.setString(3, automation);
            ps.setString(4, "actions[0]");
            try (ResultSet rs = ps.executeQuery()) {
                System.out.println("plan of the waiting-run lookup in " + school + ":");
                while (rs.next()) {
                    System.out.println("  " + rs.getString(1));
                }
            }
        }
    }
}
