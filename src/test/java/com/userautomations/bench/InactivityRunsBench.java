package com.userautomations.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
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
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The user.inactive scan with its runs, in the service (not in the suite; docs/benchmarks.md,
 * "Issue 13"): where {@link InactivityScanBench} times the scan's own statements, this one
 * measures the whole path of a running service (the packaged PostgreSQL build): its worker
 * claims the due watches, checks each automation, locks each user, starts and writes each run
 * (one add_tags action) and settles the watch.
 *
 * <p>A school and a {@code user.inactive {days: 14}} automation are made through REST; then N users
 * with their watches are COPYed into the service's database, all due in 1-13 days; then one
 * UPDATE makes {@code crossing} of them due at once (last visit 14 days before), and the bench
 * counts the automation's runs until every one has started: the time from the moment they fell
 * due, and the runs/s. Start the service with a short poll interval so the wait for the first
 * poll does not dominate ({@code -Dautomations.inactivity.poll-interval=1s}).
 *
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * BENCH_URL=http://127.0.0.1:8080 BENCH_OPERATOR_TOKEN=... BENCH_DATABASE_URL=jdbc:postgresql://127.0.0.1:5432/automations_b \
 *   java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) com.userautomations.bench.InactivityRunsBench 1000000 10000
 * </pre>
 */
public final class InactivityRunsBench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private InactivityRunsBench() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int crossing = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        URI base = URI.create(System.getenv().getOrDefault("BENCH_URL", "http://127.0.0.1:8080"));
        String school = "inact" + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
        JsonNode created = send(base, System.getenv("BENCH_OPERATOR_TOKEN"), "/api/v1/schools",
                "{\"id\": \"" + school + "\", \"name\": \"Inactivity bench\", \"fromEmail\": \"school@bench.test\"}", 201);
        String key = created.path("apiKey").asText();
        JsonNode automation = send(base, key, "/api/v1/schools/" + school + "/automations", """
                {"name": "Two weeks away", "triggers": [{"type": "user.inactive", "days": 14}],
                 "actions": [{"type": "add_tags", "tags": ["away"]}]}""", 201);
        String automationId = automation.path("id").asText();
        Instant activated = Instant.now();

        try (Connection c = DriverManager.getConnection(System.getenv().getOrDefault("BENCH_DATABASE_URL",
                "jdbc:postgresql://127.0.0.1:5432/automations_b"), System.getenv().getOrDefault("BENCH_DATABASE_USER",
                "automations"), System.getenv().getOrDefault("BENCH_DATABASE_PASSWORD", "automations"))) {
            long t0 = System.nanoTime();
            copy(c, school, automationId, users, activated);
            try (var s = c.createStatement()) {
                s.execute("ANALYZE users");
                s.execute("ANALYZE inactivity_watches");
            }
            System.out.printf(Locale.ROOT, "COPYed %d users and watches in %.1f s%n", users, (System.nanoTime() - t0) / 1e9);
            // the crossing users' last visits are 14 days old a second after the activation: due now
            Instant due = activated.plusSeconds(1);
            try (PreparedStatement p = c.prepareStatement("UPDATE inactivity_watches SET due_at = ?, last_visit_at = ? "
                    + "WHERE school_id = ? AND automation_id = ? AND user_id IN (SELECT 'm' || g FROM generate_series(0, ?) g)")) {
                p.setTimestamp(1, Timestamp.from(due));
                p.setTimestamp(2, Timestamp.from(due.minus(Duration.ofDays(14))));
                p.setString(3, school);
                p.setString(4, automationId);
                p.setInt(5, crossing - 1);
                p.executeUpdate();
            }
            long fellDue = System.nanoTime();
            String load = Files.readString(Path.of("/proc/loadavg")).trim();
            long firstRun = -1;
            int runs = 0;
            while (runs < crossing) {
                Thread.sleep(100);
                try (PreparedStatement p = c.prepareStatement("SELECT count(*) FROM runs WHERE school_id = ? "
                        + "AND automation_id = ?")) {
                    p.setString(1, school);
                    p.setString(2, automationId);
                    try (ResultSet rs = p.executeQuery()) {
                        rs.next();
                        runs = rs.getInt(1);
                    }
                }
                if (runs > 0 && firstRun < 0) {
                    firstRun = System.nanoTime();
                }
                if (System.nanoTime() - fellDue > Duration.ofMinutes(15).toNanos()) {
                    throw new IllegalStateException("only " + runs + " runs after 15 minutes");
                }
            }
            long done = System.nanoTime();
            System.out.printf(Locale.ROOT, "%d of %d users crossed: first run %.1f s after they fell due, all %d runs "
                            + "%.1f s after; %.0f runs/s from the first; load average at the start %s, at the end %s%n",
                    crossing, users, (firstRun - fellDue) / 1e9, crossing, (done - fellDue) / 1e9,
                    crossing / ((done - firstRun) / 1e9), load, Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    /** N users who visited at the activation, each watched, due in 1-13 days (none yet). */
    private static void copy(Connection c, String school, String automation, int users, Instant activated) throws Exception {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        int chunk = 50_000;
        for (int from = 0; from < users; from += chunk) {
            StringBuilder u = new StringBuilder(chunk * 100);
            StringBuilder w = new StringBuilder(chunk * 100);
            for (int i = from; i < Math.min(users, from + chunk); i++) {
                Instant dueAt = activated.plus(Duration.ofDays(1)).plus(Duration.ofMinutes(i % (12 * 24 * 60)));
                Instant visit = dueAt.minus(Duration.ofDays(14));
                u.append(school).append("\tm").append(i).append("\tm").append(i).append("@x.test\tm").append(i)
                        .append("@x.test\tlearner\t2026-01-01T00:00:00Z\t{}\t2026-01-01T00:00:00Z\t").append(visit).append('\n');
                w.append(school).append('\t').append(automation).append("\tm").append(i).append('\t').append(visit)
                        .append("\t1\t").append(dueAt).append('\n');
            }
            copy.copyIn("COPY users (school_id, id, email, email_lower, role, registered_at, fields, updated_at, "
                    + "last_visited_at) FROM STDIN", new StringReader(u.toString()));
            copy.copyIn("COPY inactivity_watches (school_id, automation_id, user_id, last_visit_at, stretch, due_at) "
                    + "FROM STDIN", new StringReader(w.toString()));
        }
    }

    private static JsonNode send(URI base, String key, String path, String body, int expected) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }
}
