package com.userautomations.durable;

import com.userautomations.support.Processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged PostgreSQL build of the service as a separate OS process, the way an operator
 * runs it: configured only by environment variables, its output captured to a log file under
 * target/. It can be stopped, killed with SIGKILL and started again on the same port.
 */
final class ServiceProcess implements AutoCloseable {
    static final String OPERATOR_TOKEN = "durable-operator-token";
    static final Path JAR = Path.of("target", "quarkus-app-postgresql", "quarkus-run.jar").toAbsolutePath();

    private final String name;
    private final int port;
    private final Map<String, String> env;
    private final Path logDir;
    private Process process;
    private int incarnation;
    private Path currentLog;

    /**
     * @param name   used for log file names and the SMTP HELO name ({@code <name>-<incarnation>}),
     *               which GreenMail records in each message's Received header
     */
    ServiceProcess(String name, PgSchema schema, int smtpPort, Path logDir, Map<String, String> extraEnv) {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run ./mvnw package first");
        }
        this.name = name;
        this.port = freePort();
        this.logDir = logDir;
        Map<String, String> e = new LinkedHashMap<>();
        e.put("QUARKUS_DATASOURCE_JDBC_URL", schema.jdbcUrl());
        e.put("QUARKUS_DATASOURCE_USERNAME", PgSchema.USER);
        e.put("QUARKUS_DATASOURCE_PASSWORD", PgSchema.PASSWORD);
        e.put("QUARKUS_FLYWAY_SCHEMAS", schema.name());
        e.put("AUTOMATIONS_OPERATOR_TOKEN", OPERATOR_TOKEN);
        e.put("AUTOMATIONS_DATA_DIR", logDir.resolve(name + "-data").toString());
        e.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        e.put("QUARKUS_MAILER_MOCK", "false");
        e.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        e.put("QUARKUS_MAILER_PORT", Integer.toString(smtpPort));
        e.put("QUARKUS_MAILER_TLS", "false");
        e.put("QUARKUS_MAILER_START_TLS", "DISABLED");
        // the Quarkus scheduler runs every() below one second at one second anyway (and warns)
        e.put("AUTOMATIONS_OUTBOX_POLL_INTERVAL", "1s");
        e.put("AUTOMATIONS_TIMERS_POLL_INTERVAL", "1s");
        e.put("AUTOMATIONS_OUTBOX_BACKOFF_BASE", "PT1S");
        e.put("AUTOMATIONS_OUTBOX_MAX_ATTEMPTS", "8");
        // an email left 'sending' by a killed process is taken again after 2 x this + 5 s
        e.put("AUTOMATIONS_OUTBOX_SEND_TIMEOUT", "PT5S");
        e.putAll(extraEnv);
        this.env = e;
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** 1 for the first start, 2 after the first restart, ... */
    int incarnation() {
        return incarnation;
    }

    /** The SMTP HELO name of the current incarnation. */
    String heloName() {
        return name + "-" + incarnation;
    }

    Path log() {
        return currentLog;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Starts a new incarnation (does not wait for it to be ready). */
    synchronized void start() {
        if (alive()) {
            throw new IllegalStateException(name + " is already running");
        }
        incarnation++;
        try {
            Files.createDirectories(logDir);
            currentLog = logDir.resolve(name + "-" + incarnation + ".log");
            ProcessBuilder pb = new ProcessBuilder(List.of(javaBin(), "-Xmx512m", "-jar", JAR.toString()))
                    .directory(logDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(currentLog.toFile());
            pb.environment().putAll(env);
            pb.environment().put("QUARKUS_MAILER_OWN_HOST_NAME", heloName());
            process = pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until GET /q/health/ready answers 200; fails early if the process dies. */
    void awaitReady(Duration timeout) {
        HttpClient http = Client.newHttp();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + " while starting; log "
                        + currentLog + ":\n" + tail(60));
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " not ready after " + timeout + "; log " + currentLog + ":\n" + tail(60));
    }

    void startAndAwaitReady() {
        start();
        awaitReady(Duration.ofSeconds(120));
    }

    /** SIGKILL: no shutdown hook, no transaction completes, open connections drop. */
    synchronized void kill9() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGTERM and a graceful shutdown, then SIGKILL if it takes too long. */
    synchronized void stop() {
        Processes.stop(process);
    }

    @Override
    public void close() {
        stop();
    }

    /** The last lines of the current incarnation's log. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(currentLog);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Lines of every incarnation's log that match the filter. */
    List<String> grepLogs(java.util.function.Predicate<String> filter) {
        List<String> out = new java.util.ArrayList<>();
        for (int i = 1; i <= incarnation; i++) {
            Path p = logDir.resolve(name + "-" + i + ".log");
            try {
                for (String line : Files.readAllLines(p)) {
                    if (filter.test(line)) {
                        out.add(name + "-" + i + ": " + line);
                    }
                }
            } catch (IOException e) {
                out.add(name + "-" + i + ": (unreadable log " + e + ")");
            }
        }
        return out;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
