package com.userautomations.bench;

import com.userautomations.events.InactivityWatches;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The database side of the user.inactive scan at scale (not in the suite; docs/benchmarks.md):
 * N users (COPY, as the load generator's --sql-users), each watched by one automation, of which
 * {@code crossing} have a stretch due; then the scan's own statements ({@link InactivityWatches#CLAIM}
 * and {@link InactivityWatches#FIRED}), batch after batch, one transaction each, until nothing is
 * due. Run on a schema of its own (the service's migrations), which it drops first and after:
 *
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) com.userautomations.bench.InactivityScanBench 1000000 10000 200
 * </pre>
 * Arguments: users, users crossing the threshold, batch size; {@code BENCH_DATABASE_URL} (default
 * jdbc:postgresql://127.0.0.1:5432/automations_test), {@code BENCH_DATABASE_USER}/{@code _PASSWORD}.
 */
public final class InactivityScanBench {
    private static final String SCHEMA = "inactivity_bench";
    private static final String SCHOOL = "bench";
    private static final String AUTOMATION = "aut_inactive";

    private InactivityScanBench() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int crossing = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        String url = System.getenv().getOrDefault("BENCH_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/automations_test");
        String user = System.getenv().getOrDefault("BENCH_DATABASE_USER", "automations");
        String password = System.getenv().getOrDefault("BENCH_DATABASE_PASSWORD", "automations");

        Instant now = Instant.parse("2026-12-01T12:00:00Z");
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
                s.execute("CREATE SCHEMA " + SCHEMA);
                s.execute("SET search_path TO " + SCHEMA);
                migrate(s);
                s.execute("INSERT INTO schools (id, name, admin_emails, created_at) VALUES ('" + SCHOOL
                        + "', 'Bench', '[]', now())");
            }
            long t0 = System.nanoTime();
            copyUsersAndWatches(c, users, crossing, now);
            try (Statement s = c.createStatement()) {
                s.execute("ANALYZE users");
                s.execute("ANALYZE inactivity_watches");
            }
            System.out.printf(Locale.ROOT, "inserted %d users and %d watches with COPY in %.1f s; %d due%n",
                    users, users, (System.nanoTime() - t0) / 1e9, crossing);
            System.out.println("plan of one claim:");
            try (PreparedStatement p = c.prepareStatement("EXPLAIN " + InactivityWatches.CLAIM)) {
                p.setTimestamp(1, Timestamp.from(now));
                p.setInt(2, batch);
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        System.out.println("  " + rs.getString(1));
                    }
                }
            }
            scan(c, now, batch);
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
        }
    }

    /**
     * The service's migrations, in version order, as plain statements (they hold no functions):
     * the exact schema, indexes included, without Flyway's database plugin on the test classpath.
     */
    static void migrate(Statement s) throws Exception {
        URL folder = InactivityScanBench.class.getClassLoader().getResource("db/migration");
        List<Path> files;
        try (Stream<Path> listed = Files.list(Path.of(folder.toURI()))) {
            files = listed.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt(f -> Integer.parseInt(f.getFileName().toString()
                            .substring(1, f.getFileName().toString().indexOf("__"))))).toList();
        }
        for (Path f : files) {
            StringBuilder text = new StringBuilder();
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.trim().startsWith("--")) {
                    text.append(line).append('\n');
                }
            }
            for (String statement : text.toString().split(";")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    /** Every user is watched; the first {@code crossing} fell due a minute ago, the rest fall due in 1-13 days. */
    private static void copyUsersAndWatches(Connection c, int users, int crossing, Instant now) throws Exception {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        int chunk = 50_000;
        for (int from = 0; from < users; from += chunk) {
            StringBuilder u = new StringBuilder(chunk * 100);
            StringBuilder w = new StringBuilder(chunk * 100);
            for (int i = from; i < Math.min(users, from + chunk); i++) {
                Instant due = i < crossing ? now.minusSeconds(60) : now.plus(Duration.ofMinutes(1 + (i % (13 * 24 * 60))));
                Instant visit = due.minus(Duration.ofDays(14));
                u.append(SCHOOL).append("\tm").append(i).append("\tm").append(i).append("@x.test\tm").append(i)
                        .append("@x.test\tlearner\t2026-01-01T00:00:00Z\t{}\t2026-01-01T00:00:00Z\t").append(visit).append('\n');
                w.append(SCHOOL).append('\t').append(AUTOMATION).append("\tm").append(i).append('\t').append(visit)
                        .append("\t1\t").append(due).append('\n');
            }
            copy.copyIn("COPY users (school_id, id, email, email_lower, role, registered_at, fields, updated_at, "
                    + "last_visited_at) FROM STDIN", new StringReader(u.toString()));
            copy.copyIn("COPY inactivity_watches (school_id, automation_id, user_id, last_visit_at, stretch, due_at) "
                    + "FROM STDIN", new StringReader(w.toString()));
        }
    }

    /** Claims and settles batches, one transaction each, until none is due; prints the timings. */
    private static void scan(Connection c, Instant now, int batch) throws Exception {
        c.setAutoCommit(false);
        List<Long> nanos = new ArrayList<>();
        int settled = 0;
        long start = System.nanoTime();
        try (PreparedStatement claim = c.prepareStatement(InactivityWatches.CLAIM);
             PreparedStatement fired = c.prepareStatement(InactivityWatches.FIRED)) {
            while (true) {
                long t = System.nanoTime();
                claim.setTimestamp(1, Timestamp.from(now));
                claim.setInt(2, batch);
                int n = 0;
                try (ResultSet rs = claim.executeQuery()) {
                    while (rs.next()) {
                        fired.setLong(1, rs.getLong("stretch"));
                        fired.setString(2, rs.getString("school_id"));
                        fired.setString(3, rs.getString("automation_id"));
                        fired.setString(4, rs.getString("user_id"));
                        fired.setLong(5, rs.getLong("stretch"));
                        fired.addBatch();
                        n++;
                    }
                }
                fired.executeBatch();
                c.commit();
                nanos.add(System.nanoTime() - t);
                settled += n;
                if (n < batch) {
                    break;
                }
            }
        }
        double total = (System.nanoTime() - start) / 1e9;
        nanos.sort(null);
        System.out.printf(Locale.ROOT, "settled %d due rows in %d transactions, %.2f s (%.0f rows/s); per batch "
                        + "p50 %.1f ms, max %.1f ms%n", settled, nanos.size(), total, settled / total,
                nanos.get(nanos.size() / 2) / 1e6, nanos.get(nanos.size() - 1) / 1e6);
    }
}
