package com.userautomations.bench;

import com.userautomations.automation.Condition;
import com.userautomations.automation.FieldOp;
import com.userautomations.common.Sql;
import com.userautomations.compile.ConditionSql;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.UserStore;
import com.userautomations.engine.Decider;
import com.userautomations.preview.MatchingUsers;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The impact preview's count at scale (not in the suite; docs/benchmarks.md): N users with tags,
 * enrollments and spaces (COPY, then ANALYZE: autovacuum may be off), then {@link MatchingUsers}
 * (the code the endpoint runs, on a plain Agroal pool) for trees of the SQL path and of the
 * predicate path. Run on a schema of its own (the service's migrations), dropped first and after:
 *
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) com.userautomations.bench.PreviewBench 1000000
 * </pre>
 * Arguments: users; {@code BENCH_DATABASE_URL} (default jdbc:postgresql://127.0.0.1:5432/automations_test),
 * {@code BENCH_DATABASE_USER}/{@code _PASSWORD}.
 */
public final class PreviewBench {
    private static final String SCHEMA = "preview_bench";
    private static final String SCHOOL = "bench";
    private static final String[] DOMAINS = {"corp.test", "edu.test", "mail.test", "x.test"};
    private static final String[] ROLES = {"learner", "learner", "learner", "lead", "instructor"};
    private static final String[] SOURCES = {"google", "facebook-ads", "\\N"};

    private PreviewBench() {
    }

    public static void main(String[] args) throws Exception {
        int users = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        String url = System.getenv().getOrDefault("BENCH_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/automations_test");
        String user = System.getenv().getOrDefault("BENCH_DATABASE_USER", "automations");
        String password = System.getenv().getOrDefault("BENCH_DATABASE_PASSWORD", "automations");
        System.out.printf(Locale.ROOT, "load average before: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
                s.execute("CREATE SCHEMA " + SCHEMA);
                s.execute("SET search_path TO " + SCHEMA);
                InactivityScanBench.migrate(s);
                s.execute("INSERT INTO schools (id, name, admin_emails, created_at) VALUES ('" + SCHOOL
                        + "', 'Bench', '[]', now())");
            }
            long t0 = System.nanoTime();
            long rows = copy(c, users);
            try (Statement s = c.createStatement()) {
                for (String t : List.of("users", "user_tags", "enrollments", "space_members")) {
                    s.execute("ANALYZE " + t);
                }
            }
            System.out.printf(Locale.ROOT, "loaded %d users and %d tag/enrollment/space rows with COPY, analyzed, in %.1f s%n",
                    users, rows, (System.nanoTime() - t0) / 1e9);

            String sep = url.contains("?") ? "&" : "?";
            try (AgroalDataSource ds = AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier()
                    .connectionPoolConfiguration(p -> p.maxSize(2).connectionFactoryConfiguration(f -> f
                            .jdbcUrl(url + sep + "currentSchema=" + SCHEMA)
                            .principal(new NamePrincipal(user)).credential(new SimplePassword(password)))))) {
                MatchingUsers matching = new MatchingUsers(new UserStore(new Sql(ds)));
                SchoolInfo school = new SchoolInfo(SCHOOL, "Bench", List.of(), null, 0, ZoneOffset.UTC, null, null);
                for (Map.Entry<String, Condition> e : trees().entrySet()) {
                    time(matching, school, e.getKey(), e.getValue());
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + SCHEMA + " CASCADE");
            }
        }
        System.out.printf(Locale.ROOT, "load average after: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static Map<String, Condition> trees() {
        Map<String, Condition> out = new LinkedHashMap<>();
        out.put("no conditions", null);
        out.put("has_any_tag t1 and not email_domain corp.test and registered_after", new Condition.All(List.of(
                new Condition.HasAnyTag(List.of("t1")),
                new Condition.Not(new Condition.EmailDomain(List.of("corp.test"))),
                new Condition.RegisteredAfter(Instant.parse("2026-03-01T00:00:00Z")))));
        out.put("any(enrolled_in c1, completed_course c2, in_space s1) and role learner", new Condition.All(List.of(
                new Condition.Any(List.of(new Condition.EnrolledIn(List.of("c1")),
                        new Condition.CompletedCourse(List.of("c2")), new Condition.InSpace(List.of("s1")))),
                new Condition.RoleIn(List.of(com.userautomations.automation.Role.LEARNER)))));
        out.put("has_tags [t1, t2] and user.fields.seats gt 10 (predicate path)", new Condition.All(List.of(
                new Condition.HasTags(List.of("t1", "t2")),
                new Condition.Field("user.fields.seats", FieldOp.GT, "10"))));
        out.put("has_any_tag t1 and user.fields.seats gt 10 (predicate path)", new Condition.All(List.of(
                new Condition.HasAnyTag(List.of("t1")),
                new Condition.Field("user.fields.seats", FieldOp.GT, "10"))));
        return out;
    }

    private static void time(MatchingUsers matching, SchoolInfo school, String name, Condition tree) {
        boolean exact = ConditionSql.of("s", tree).exact();
        matching.count(school, tree, Decider.NONE); // warm: plans, JIT
        long best = Long.MAX_VALUE;
        long n = 0;
        for (int i = 0; i < 3; i++) {
            long t = System.nanoTime();
            n = matching.count(school, tree, Decider.NONE);
            best = Math.min(best, System.nanoTime() - t);
        }
        System.out.printf(Locale.ROOT, "%-75s %s %8d users  best of 3: %8.1f ms%n", name,
                exact ? "SQL      " : "predicate", n, best / 1e6);
    }

    /** Users with 0-3 of 20 tags, 0-2 of 10 courses (a third completed), 0-1 of 5 spaces. */
    private static long copy(Connection c, int users) throws Exception {
        CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
        long rows = 0;
        int chunk = 50_000;
        java.util.Random random = new java.util.Random(1);
        for (int from = 0; from < users; from += chunk) {
            StringBuilder u = new StringBuilder(chunk * 120);
            StringBuilder t = new StringBuilder(chunk * 40);
            StringBuilder e = new StringBuilder(chunk * 40);
            StringBuilder m = new StringBuilder(chunk * 20);
            for (int i = from; i < Math.min(users, from + chunk); i++) {
                String id = String.format(Locale.ROOT, "u%07d", i);
                String email = id + "@" + DOMAINS[i % DOMAINS.length];
                String registered = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(random.nextInt(330 * 86_400)).toString();
                u.append(SCHOOL).append('\t').append(id).append('\t').append(email).append('\t').append(email)
                        .append('\t').append(ROLES[random.nextInt(ROLES.length)]).append('\t').append(registered)
                        .append('\t').append(SOURCES[random.nextInt(SOURCES.length)])
                        .append("\t{\"seats\": ").append(random.nextInt(20)).append("}\t2026-01-01T00:00:00Z\n");
                int tags = random.nextInt(4);
                java.util.Set<Integer> picked = new java.util.TreeSet<>();
                for (int k = 0; k < tags; k++) {
                    picked.add(1 + random.nextInt(20));
                }
                for (int tag : picked) {
                    t.append(SCHOOL).append('\t').append(id).append("\tt").append(tag).append("\t2026-01-01T00:00:00Z\n");
                    rows++;
                }
                java.util.Set<Integer> courses = new java.util.TreeSet<>();
                for (int k = random.nextInt(3); k > 0; k--) {
                    courses.add(1 + random.nextInt(10));
                }
                for (int course : courses) {
                    e.append(SCHOOL).append('\t').append(id).append("\tc").append(course).append('\t')
                            .append(random.nextInt(3) == 0 ? "completed" : "active").append("\t2026-01-01T00:00:00Z\n");
                    rows++;
                }
                if (random.nextBoolean()) {
                    m.append(SCHOOL).append('\t').append(id).append("\ts").append(1 + random.nextInt(5))
                            .append("\t2026-01-01T00:00:00Z\n");
                    rows++;
                }
            }
            copy.copyIn("COPY users (school_id, id, email, email_lower, role, registered_at, source, fields, updated_at) "
                    + "FROM STDIN", new StringReader(u.toString()));
            copy.copyIn("COPY user_tags (school_id, user_id, tag, added_at) FROM STDIN", new StringReader(t.toString()));
            copy.copyIn("COPY enrollments (school_id, user_id, course_id, status, enrolled_at) FROM STDIN",
                    new StringReader(e.toString()));
            copy.copyIn("COPY space_members (school_id, user_id, space_id, added_at) FROM STDIN",
                    new StringReader(m.toString()));
        }
        return rows;
    }
}
