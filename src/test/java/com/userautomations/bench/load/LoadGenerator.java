package com.userautomations.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP load generator (issue 5): starts the packaged service (or drives one at a URL),
 * creates schools, users and automations through REST, then runs the modes asked for and
 * prints, per mode, events/s, latency percentiles, errors, the service's RSS and the machine's
 * load average (the machine is shared; a figure without its load average means little).
 *
 * <pre>
 * scripts/load.sh --start pg --modes batch,closed,rate --automations 100
 * </pre>
 * See {@link LoadOptions#USAGE} and docs/benchmarks.md.
 */
public final class LoadGenerator {
    private LoadGenerator() {
    }

    /** One mode's figures, as printed. */
    record Row(String mode, String db, int connections, long events, double seconds, double eventsPerSecond,
               double p50, double p99, double p999, double max, long errors, double runsPerEvent, long rssPeakMib,
               long rssEndMib, String loadBefore, String loadAfter) {
    }

    public static void main(String[] args) throws Exception {
        LoadOptions o = LoadOptions.parse(args);
        List<Row> rows = run(o, System.out::println);
        if (rows.stream().anyMatch(r -> r.events() == 0)) {
            System.exit(1);
        }
    }

    interface Out {
        void line(String s);
    }

    static List<Row> run(LoadOptions o, Out out) throws Exception {
        out.line("options: " + o);
        out.line("load average before start: " + loadAverage());
        List<Row> rows = new ArrayList<>();
        ServiceUnderTest service = ServiceUnderTest.of(o);
        DeliveryReceiver receiver = o.webhookDelayMs() < 0 ? null : new DeliveryReceiver(o.webhookDelayMs());
        AtomicLong rssPeak = new AtomicLong(-1);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rss-sampler");
            t.setDaemon(true);
            return t;
        });
        try {
            out.line("service: " + service.url() + " pid " + service.pid() + " RSS " + mib(service.rssKib()) + " MiB");
            sampler.scheduleAtFixedRate(() -> rssPeak.accumulateAndGet(service.rssKib(), Math::max), 0, 500,
                    TimeUnit.MILLISECONDS);
            String runTag = Long.toString(new Random().nextLong() & 0xffffffL, 36);
            Seeder seeder = new Seeder(service.url(), o.operatorToken(), o.seedThreads());
            long t0 = System.nanoTime();
            Workload workload = new Workload(schoolIds(runTag, o.schools()), o.usersPerSchool(), o.sqlUsers(),
                    o.automations(), runTag);
            Map<String, String> keys = seeder.schools(workload.schools(), workload.pool());
            seeder.users(workload, keys, o.usersPerSchool());
            out.line(String.format(Locale.ROOT, "seeded %d schools, %d users through REST in %.1f s", o.schools(),
                    o.schools() * o.usersPerSchool(), (System.nanoTime() - t0) / 1e9));
            if (o.sqlUsers() > 0) {
                if (service.jdbcUrl() == null) {
                    throw new IllegalArgumentException("--sql-users needs --start pg");
                }
                t0 = System.nanoTime();
                Seeder.usersBySql(service.jdbcUrl(), o.dbUser(), o.dbPassword(), List.copyOf(keys.keySet()), o.sqlUsers());
                out.line(String.format(Locale.ROOT, "inserted %d users with COPY in %.1f s", o.sqlUsers(),
                        (System.nanoTime() - t0) / 1e9));
            }
            if (receiver != null) {
                seeder.webhooks(keys, receiver.url());
                out.line("every school subscribes " + receiver.url() + " to every type; it answers after "
                        + o.webhookDelayMs() + " ms");
            }
            t0 = System.nanoTime();
            seeder.automations(workload, keys, o.automations());
            out.line(String.format(Locale.ROOT, "created %d automations through REST in %.1f s; RSS %d MiB",
                    o.automations(), (System.nanoTime() - t0) / 1e9, mib(service.rssKib())));

            analyze(service, o, out);
            Drivers drivers = new Drivers(service.url(), workload, keys, o.seed());
            for (String mode : o.modes()) {
                int c = o.connectionsFor(mode);
                if (mode.equals("deliveries")) {
                    rows.add(deliveries(drivers, o, receiver, out));
                    continue;
                }
                if (o.warmupSeconds() > 0) {
                    Measurement warm = measure(drivers, o, mode, c, o.warmupSeconds());
                    out.line(String.format(Locale.ROOT, "%s warm-up: %d events, %.0f events/s, %d errors", mode,
                            warm.events(), warm.events() / warm.seconds(), warm.errors()));
                    analyze(service, o, out);
                }
                rssPeak.set(service.rssKib());
                String before = loadAverage();
                long receivedBefore = receiver == null ? 0 : receiver.received();
                Measurement m = measure(drivers, o, mode, c, o.seconds());
                if (receiver != null) {
                    long got = receiver.received() - receivedBefore;
                    out.line(String.format(Locale.ROOT, "%s: %d webhook deliveries received in the window, %.0f/s", mode,
                            got, got / m.seconds()));
                }
                Row row = new Row(mode, o.start(), c, m.events(), m.seconds(), m.events() / m.seconds(),
                        m.percentileMillis(50), m.percentileMillis(99), m.percentileMillis(99.9), m.maxMillis(),
                        m.errors(), m.events() == 0 ? 0 : (double) m.runs() / m.events(), mib(rssPeak.get()),
                        mib(service.rssKib()), before, loadAverage());
                rows.add(row);
                out.line(format(row, mode.equals("batch") ? "per batch of " + o.batchSize() : "per event"));
                m.sampleErrors().forEach((kind, detail) -> out.line("  error sample [" + kind + "]: " + detail));
            }
            if (o.heapInfo()) {
                out.line("heap after a full GC (jcmd GC.run; GC.heap_info):\n" + service.heapAfterGc());
                out.line("RSS after GC: " + mib(service.rssKib()) + " MiB");
            }
            out.line("load average at the end: " + loadAverage());
            return rows;
        } finally {
            sampler.shutdownNow();
            if (receiver != null) {
                receiver.close();
            }
            if (o.keepRunning() && service.started()) {
                out.line("service left running: pid " + service.pid() + " at " + service.url());
            } else {
                service.close();
            }
        }
    }

    /**
     * The outbox's delivery rate: batches posted for the warm-up leave a backlog of deliveries
     * (each event's changes and its run's end, to every school's endpoint); then nothing is
     * posted and the deliveries the receiver gets in the window are counted.
     */
    private static Row deliveries(Drivers drivers, LoadOptions o, DeliveryReceiver receiver, Out out) throws Exception {
        Measurement posted = drivers.batch(2, o.batchSize(), Math.max(1, o.warmupSeconds()));
        out.line(String.format(Locale.ROOT, "deliveries: posted %d events in %.0f s to build a backlog; %d deliveries "
                + "received meanwhile", posted.events(), posted.seconds(), receiver.received()));
        String before = loadAverage();
        long start = receiver.received();
        long t0 = System.nanoTime();
        Thread.sleep(o.seconds() * 1000L);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long got = receiver.received() - start;
        Row row = new Row("deliveries", o.start(), 0, got, seconds, got / seconds, 0, 0, 0, 0, 0, 0, -1, -1, before,
                loadAverage());
        out.line(String.format(Locale.ROOT, "RESULT mode=deliveries db=%s receiverDelayMs=%d deliveries=%d seconds=%.1f "
                + "deliveries/s=%.1f load=[%s] -> [%s]", o.start(), o.webhookDelayMs(), got, seconds, got / seconds,
                before, row.loadAfter()));
        return row;
    }

    /**
     * Gives PostgreSQL statistics for the tables the seeding and the warm-up just filled, as
     * autovacuum does in a database that has run for more than a minute. Without them the plans
     * the service's connections cached while the schema was empty stay: one read a user through
     * the email index and filtered a thousand rows (pg_stat_statements: 0.16 ms instead of 0.02).
     */
    private static void analyze(ServiceUnderTest service, LoadOptions o, Out out) throws SQLException {
        if (service.jdbcUrl() == null) {
            return;
        }
        long t0 = System.nanoTime();
        try (Connection c = DriverManager.getConnection(service.jdbcUrl(), o.dbUser(), o.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("ANALYZE");
        }
        out.line(String.format(Locale.ROOT, "ANALYZE (as autovacuum would) in %.1f s", (System.nanoTime() - t0) / 1e9));
    }

    private static List<String> schoolIds(String runTag, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add("load-" + runTag + "-" + i);
        }
        return ids;
    }

    private static Measurement measure(Drivers d, LoadOptions o, String mode, int connections, int seconds)
            throws Exception {
        return switch (mode) {
            case "batch" -> d.batch(connections, o.batchSize(), seconds);
            case "closed" -> d.closed(connections, seconds);
            default -> d.rate(connections, o.rate(), seconds);
        };
    }

    static String format(Row r, String latencyOf) {
        return String.format(Locale.ROOT,
                "RESULT mode=%s db=%s connections=%d events=%d seconds=%.1f events/s=%.0f latency(ms, %s) "
                        + "p50=%.1f p99=%.1f p999=%.1f max=%.1f errors=%d runs/event=%.2f rssPeakMiB=%d rssEndMiB=%d "
                        + "load=[%s] -> [%s]",
                r.mode(), r.db(), r.connections(), r.events(), r.seconds(), r.eventsPerSecond(), latencyOf, r.p50(),
                r.p99(), r.p999(), r.max(), r.errors(), r.runsPerEvent(), r.rssPeakMib(), r.rssEndMib(),
                r.loadBefore(), r.loadAfter());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }

    private static long mib(long kib) {
        return kib < 0 ? -1 : kib / 1024;
    }
}
