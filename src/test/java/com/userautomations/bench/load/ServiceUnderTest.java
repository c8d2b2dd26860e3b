package com.userautomations.bench.load;

import com.userautomations.support.Processes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The service being measured: the packaged jar started as its own process the way an operator
 * runs it (environment only; no SMTP configured, so the mailer is in its mock mode and emails
 * are recorded and logged), or one already running at a URL. Knows its pid for RSS and jcmd.
 */
final class ServiceUnderTest implements AutoCloseable {
    private final URI url;
    private final long pid;
    private final Process process;
    private final Path log;
    private final String jdbcUrl;

    private ServiceUnderTest(URI url, long pid, Process process, Path log, String jdbcUrl) {
        this.url = url;
        this.pid = pid;
        this.process = process;
        this.log = log;
        this.jdbcUrl = jdbcUrl;
    }

    static ServiceUnderTest of(LoadOptions o) throws IOException {
        if (o.start().equals("none")) {
            return new ServiceUnderTest(URI.create(o.url()), o.pid(), null, null, null);
        }
        boolean pg = o.start().equals("pg");
        Path app = o.app().isBlank() ? Path.of("target", pg ? "quarkus-app-postgresql" : "quarkus-app") : Path.of(o.app());
        Path jar = app.resolve("quarkus-run.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw -B -DskipTests package first");
        }
        Files.createDirectories(o.workDir());
        int port = freePort();
        List<String> cmd = new ArrayList<>(List.of(javaBin(), "-Xmx" + o.heap()));
        if (!o.jvmArgs().isBlank()) {
            cmd.addAll(Arrays.asList(o.jvmArgs().trim().split("\\s+")));
        }
        cmd.addAll(List.of("-jar", jar.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(o.workDir().toFile()).redirectErrorStream(true);
        Path log = o.workDir().resolve("service-" + o.start() + ".log");
        pb.redirectOutput(log.toFile());
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("AUTOMATIONS_OPERATOR_TOKEN", o.operatorToken());
        Path data = o.workDir().resolve("data-" + o.start());
        pb.environment().put("AUTOMATIONS_DATA_DIR", data.toString());
        String schemaUrl = null;
        if (pg) {
            recreateSchema(o);
            schemaUrl = o.jdbcUrl() + (o.jdbcUrl().contains("?") ? "&" : "?") + "currentSchema=" + o.schema();
            pb.environment().put("QUARKUS_DATASOURCE_JDBC_URL", schemaUrl);
            pb.environment().put("QUARKUS_DATASOURCE_USERNAME", o.dbUser());
            pb.environment().put("QUARKUS_DATASOURCE_PASSWORD", o.dbPassword());
            pb.environment().put("QUARKUS_FLYWAY_SCHEMAS", o.schema());
        } else {
            deleteRecursively(data); // a fresh embedded database
        }
        Process p = pb.start();
        ServiceUnderTest s = new ServiceUnderTest(URI.create("http://127.0.0.1:" + port), p.pid(), p, log, schemaUrl);
        s.awaitReady(Duration.ofSeconds(180));
        return s;
    }

    URI url() {
        return url;
    }

    long pid() {
        return pid;
    }

    /** The JDBC URL of the started PostgreSQL service's schema, or null. */
    String jdbcUrl() {
        return jdbcUrl;
    }

    boolean started() {
        return process != null;
    }

    /** Resident set size of the service process in KiB (VmRSS), or -1 when unknown. */
    long rssKib() {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** Forces a full GC in the service and returns its heap summary (jcmd). */
    String heapAfterGc() throws IOException, InterruptedException {
        if (pid <= 0) {
            return "(no pid)";
        }
        jcmd("GC.run");
        return jcmd("GC.heap_info");
    }

    private String jcmd(String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return out.trim();
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (HttpConnection c = new HttpConnection(url)) {
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the service exited while starting; see " + log);
                }
                try {
                    if (c.send("GET", "/q/health/ready", null, null).status() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new IllegalStateException("the service was not ready after " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        Processes.stop(process);
    }

    private static void recreateSchema(LoadOptions o) {
        if (!o.schema().matches("[a-z][a-z0-9_]{0,40}") || o.schema().equals("public")) {
            throw new IllegalArgumentException("schema " + o.schema());
        }
        try (Connection c = DriverManager.getConnection(o.jdbcUrl(), o.dbUser(), o.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + o.schema() + " CASCADE");
            s.execute("CREATE SCHEMA " + o.schema());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot recreate schema " + o.schema() + " in " + o.jdbcUrl(), e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
