package com.userautomations.bench.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator's command line: {@code --name value} pairs, every one optional. Printed
 * back in full at the start of a run, so a figure can always be repeated.
 */
record LoadOptions(
        /** pg or h2: start the packaged build; none: use --url (and --pid for RSS). */
        String start,
        String url,
        long pid,
        String jdbcUrl,
        String dbUser,
        String dbPassword,
        /** PostgreSQL schema the started service migrates into (dropped and created again first). */
        String schema,
        String heap,
        String jvmArgs,
        /** The packaged service's folder (default target/quarkus-app-postgresql or target/quarkus-app). */
        String app,
        String operatorToken,
        int schools,
        int usersPerSchool,
        /** Users inserted straight into the users table with COPY (memory runs), on top of the REST ones. */
        int sqlUsers,
        int automations,
        List<String> modes,
        int connections,
        int batchSize,
        int rate,
        int seconds,
        int warmupSeconds,
        int seedThreads,
        long seed,
        boolean heapInfo,
        boolean keepRunning,
        Path workDir,
        /** -1: no webhooks; else every school gets an endpoint ("*") at a receiver in this process answering after this delay. */
        int webhookDelayMs) {

    static final String USAGE = """
            LoadGenerator: drives the HTTP path of a running or freshly started service.
              --start pg|h2|none   start target/quarkus-app-postgresql (pg) or target/quarkus-app (h2); default pg
              --url URL            with --start none: the service to drive (default http://127.0.0.1:8080)
              --pid PID            with --start none: the service's pid, for RSS
              --jdbc-url URL       pg: database (default jdbc:postgresql://127.0.0.1:5432/automations_b)
              --schema NAME        pg: schema the service uses, dropped and created first (default load)
              --heap 512m          -Xmx of the started service (default 512m)
              --jvm-args "..."     more JVM options for the started service (e.g. JFR)
              --app DIR            the packaged build to start (default target/quarkus-app-postgresql, h2: target/quarkus-app)
              --token T            operator token (default: the one given to the started service)
              --schools N          schools to create (default 4)
              --users N            users per school, created through REST (default 500)
              --sql-users N        more users per run, inserted with COPY into the users table (pg only; default 0)
              --automations N      automations in all, spread over the schools (default 100)
              --modes a,b,c        batch, closed, rate, in order (default batch,closed,rate)
              --connections C      connections (default: batch 2, closed 16, rate 32)
              --batch N            events per batch (default 500)
              --rate R             rate mode: events/s (default 200)
              --seconds S          measured seconds per mode (default 30)
              --warmup S           unmeasured seconds before each mode (default 10)
              --seed-threads N     connections used to create users and automations (default 4)
              --seed N             random seed (default 1)
              --heap-info          after the modes: jcmd GC.run, then GC.heap_info of the service
              --keep-running       leave a started service running (prints its pid)
              --work-dir DIR       logs and data of a started service (default target/load)
              --webhook-delay-ms D every school subscribes an endpoint to every type, at a receiver in this
                                   process answering 200 after D ms (the service needs
                                   --jvm-args -Dautomations.webhooks.allow-private-networks=true); each mode
                                   then also prints the deliveries received per second
            mode deliveries (needs --webhook-delay-ms): the warm-up posts batches, building a backlog of
            deliveries; the measured window posts nothing and counts the deliveries received per second.
            """;

    static LoadOptions parse(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected --name, got " + a + "\n" + USAGE);
            }
            String name = a.substring(2);
            if (name.equals("heap-info") || name.equals("keep-running") || name.equals("help")) {
                m.put(name, "true");
            } else if (i + 1 < args.length) {
                m.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value\n" + USAGE);
            }
        }
        if (m.containsKey("help")) {
            System.out.println(USAGE);
            System.exit(0);
        }
        LoadOptions o = new LoadOptions(
                m.getOrDefault("start", "pg"),
                m.getOrDefault("url", "http://127.0.0.1:8080"),
                Long.parseLong(m.getOrDefault("pid", "0")),
                m.getOrDefault("jdbc-url", "jdbc:postgresql://127.0.0.1:5432/automations_b"),
                m.getOrDefault("db-user", "automations"),
                m.getOrDefault("db-password", "automations"),
                m.getOrDefault("schema", "load"),
                m.getOrDefault("heap", "512m"),
                m.getOrDefault("jvm-args", ""),
                m.getOrDefault("app", ""),
                m.getOrDefault("token", "load-operator-token"),
                Integer.parseInt(m.getOrDefault("schools", "4")),
                Integer.parseInt(m.getOrDefault("users", "500")),
                Integer.parseInt(m.getOrDefault("sql-users", "0")),
                Integer.parseInt(m.getOrDefault("automations", "100")),
                List.of(m.getOrDefault("modes", "batch,closed,rate").split(",")),
                Integer.parseInt(m.getOrDefault("connections", "0")),
                Integer.parseInt(m.getOrDefault("batch", "500")),
                Integer.parseInt(m.getOrDefault("rate", "200")),
                Integer.parseInt(m.getOrDefault("seconds", "30")),
                Integer.parseInt(m.getOrDefault("warmup", "10")),
                Integer.parseInt(m.getOrDefault("seed-threads", "4")),
                Long.parseLong(m.getOrDefault("seed", "1")),
                m.containsKey("heap-info"),
                m.containsKey("keep-running"),
                Path.of(m.getOrDefault("work-dir", "target/load")).toAbsolutePath(),
                Integer.parseInt(m.getOrDefault("webhook-delay-ms", "-1")));
        List<String> unknown = new ArrayList<>(m.keySet());
        unknown.removeAll(List.of("start", "url", "pid", "jdbc-url", "db-user", "db-password", "schema", "heap",
                "jvm-args", "app", "token", "schools", "users", "sql-users", "automations", "modes", "connections", "batch",
                "rate", "seconds", "warmup", "seed-threads", "seed", "heap-info", "keep-running", "work-dir",
                "webhook-delay-ms"));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + unknown + "\n" + USAGE);
        }
        for (String mode : o.modes()) {
            if (!List.of("batch", "closed", "rate", "deliveries").contains(mode)) {
                throw new IllegalArgumentException("unknown mode " + mode + "\n" + USAGE);
            }
            if (mode.equals("deliveries") && o.webhookDelayMs() < 0) {
                throw new IllegalArgumentException("mode deliveries needs --webhook-delay-ms\n" + USAGE);
            }
        }
        return o;
    }

    int connectionsFor(String mode) {
        if (connections > 0) {
            return connections;
        }
        return switch (mode) {
            case "batch", "deliveries" -> 2;
            case "closed" -> 16;
            default -> 32;
        };
    }
}
