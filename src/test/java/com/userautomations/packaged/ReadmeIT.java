package com.userautomations.packaged;

import com.userautomations.packaged.ReadmeBlocks.AgainItem;
import com.userautomations.packaged.ReadmeBlocks.Item;
import com.userautomations.packaged.ReadmeBlocks.Step;
import com.userautomations.packaged.ReadmeBlocks.StepItem;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README, run top to bottom as a newcomer pastes it: every shell block, in order, in one bash
 * session (so {@code OP}, {@code KEY} and the other variables carry over), each answer compared
 * with the one the README shows. It fails at the first block that answers otherwise, naming its
 * line.
 *
 * <p>How the blocks run ({@link ReadmeBlocks} says how they are read):
 * <ul>
 *   <li>In a fresh folder, {@code target/readme-it}, as the root of a clone would be: {@code target}
 *       there is a link to this build's {@code target} (the packaged builds, made by {@code package}
 *       before this test), {@code rules-dmn} a copy of the shipped analysts' folder, {@code data}
 *       absent. The environment is clean: {@code PATH}, {@code HOME} (the folder), {@code LANG},
 *       and three variables the README reads: {@code URL} and {@code QUARKUS_HTTP_PORT} (a free
 *       port instead of 8080) and {@code DB} ({@value #DB}, a throwaway database, instead of
 *       {@code automations}).</li>
 *   <li>A block ending in {@code java -jar target/<build>/quarkus-run.jar} starts the service, as a
 *       newcomer does in a terminal of its own: it runs in the background (its output in
 *       {@code target/readme-it/.readme-test/service-<n>.log}), after the service started before
 *       it is stopped (the README says to stop it), and the next block runs once
 *       {@code /q/health/ready} answers 200. A leading {@code ./mvnw -B package -DskipTests &&} is
 *       dropped: this test runs on the build that command makes.</li>
 *   <li>{@code sudo -u postgres <command>} runs the command as the database superuser: the test's
 *       own {@code sudo} (in {@code .readme-test/bin}) sets {@code PGHOST=127.0.0.1 PGUSER=postgres}
 *       when that connects (trust, as on the CI machine), else uses {@code su postgres}. Before the
 *       first block and after the last, the database and role {@value #DB} are dropped.</li>
 *   <li>Each block must exit 0 and write nothing to standard error. Each {@code curl} in it must
 *       carry its HTTP status as a comment ({@code # 201}) and answer that status (the statuses are
 *       read as {@link ReadmeShell} says). What the block prints must match its answer block by the
 *       rule of {@link ReadmeAnswers}; a block without an answer block must print nothing.</li>
 *   <li>A block of {@code curl} calls that only read (no {@code -X}, {@code -d}, {@code --data}) is run again, for up to
 *       {@value #PATIENCE_SECONDS} s, until its answer matches: what a newcomer reading the previous
 *       answer gives the service time to do (an email leaving the outbox).</li>
 *   <li>{@code <!-- readme-test: run the section "..." again -->} runs that section's blocks once
 *       more (the walkthrough on PostgreSQL); {@code <!-- readme-test: skip, reason -->} skips the
 *       next block (only {@code ./mvnw -B verify}, the suite this test is part of).</li>
 *   <li>At the end the analysts' folder must be as shipped: the walkthrough deletes what it uploads.</li>
 * </ul>
 */
class ReadmeIT {
    static final String DB = "automations_readme";
    static final int PATIENCE_SECONDS = 20;
    private static final Path README = Path.of("README.md").toAbsolutePath();
    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Path WORK = TARGET.resolve("readme-it");
    private static final Path SCRATCH = WORK.resolve(".readme-test");
    private static final Path RULES = Path.of("rules-dmn").toAbsolutePath();

    private static final Pattern STATUS_COMMENT = Pattern.compile("(?:^|\\s)#\\s*([1-5][0-9]{2})\\b");
    private static final Pattern CURL = Pattern.compile("(?:^|[\\s|(;&])curl\\s");
    private static final Pattern MUTATES = Pattern.compile("(?:^|\\s)(?:-X\\s*[A-Z]+|-d|--data[a-z-]*|-T|--upload-file)(?=[\\s'\"@]|$)");
    private static final Pattern START = Pattern.compile("(?s).*\\bjava -jar target/[\\w.-]+/quarkus-run\\.jar");
    private static final Pattern BUILD = Pattern.compile("^\\./mvnw -B package -DskipTests(?:[ \\t]*&&[ \\t]*(?:\\\\\\n)?|[ \\t]*\\n)");
    private static final String SUDO = """
            #!/usr/bin/env bash
            # ReadmeIT's sudo: only `sudo -u postgres <command>`, the command as the database superuser
            if [ "$1" != "-u" ] || [ "$2" != "postgres" ]; then echo "ReadmeIT's sudo runs only -u postgres" >&2; exit 1; fi
            shift 2
            if PGHOST=127.0.0.1 PGUSER=postgres psql -X -d postgres -tAc 'SELECT 1' >/dev/null 2>&1; then
              PGHOST=127.0.0.1 PGUSER=postgres exec "$@"
            fi
            exec su postgres -c "$(printf '%q ' "$@")"
            """;

    private final ReadmeAnswers answers = new ReadmeAnswers();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<String> report = new ArrayList<>();
    private int port;
    private ReadmeShell shell;
    private long servicePid = -1;
    private int services;

    @Test
    void theReadmeRunsTopToBottomWithTheAnswersItShows() throws Exception {
        List<Item> items = ReadmeBlocks.parse(Files.readAllLines(README));
        assertThat(TARGET.resolve("quarkus-app/quarkus-run.jar")).as("run ./mvnw package first").isRegularFile();
        prepareFolder();
        port = freePort();
        long started = System.nanoTime();
        try (ReadmeShell s = new ReadmeShell(WORK, SCRATCH, environment())) {
            shell = s;
            try {
                dropDatabase(true);
                for (Item item : items) {
                    if (item instanceof StepItem si) {
                        run(si.step());
                    } else {
                        runAgain(((AgainItem) item).again(), items);
                    }
                }
                assertThat(files(WORK.resolve("rules-dmn"))).as("the analysts' folder after the README (it deletes what it uploads)")
                        .isEqualTo(files(RULES));
            } finally {
                stopService();
                dropDatabase(false);
            }
        } finally {
            System.out.println("ReadmeIT, " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s:\n  "
                    + String.join("\n  ", report));
        }
    }

    private void runAgain(ReadmeBlocks.Again again, List<Item> items) throws Exception {
        List<Step> section = items.stream().filter(i -> i instanceof StepItem).map(i -> ((StepItem) i).step())
                .filter(st -> st.shell().headings().contains(again.heading())).toList();
        assertThat(section).as("README.md:" + again.line() + ": no shell blocks under \"" + again.heading() + "\"").isNotEmpty();
        report.add("README.md:" + again.line() + ": the section \"" + again.heading() + "\" again");
        for (Step st : section) {
            run(st);
        }
    }

    private void run(Step step) throws Exception {
        String where = "README.md:" + step.line() + " (" + step.section() + ")";
        if (step.skipReason() != null) {
            report.add(where + ": skipped, " + step.skipReason());
            return;
        }
        String text = step.shell().text();
        long t0 = System.nanoTime();
        if (START.matcher(text.strip()).matches()) {
            start(where, text);
            report.add(where + ": service started in " + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
            return;
        }
        List<Integer> expectedStatuses = new ArrayList<>();
        int curls = 0;
        for (String line : text.split("\n")) {
            Matcher m = STATUS_COMMENT.matcher(line);
            if (m.find()) {
                expectedStatuses.add(Integer.parseInt(m.group(1)));
            }
            Matcher c = CURL.matcher(line);
            while (c.find()) {
                curls++;
            }
        }
        assertThat(expectedStatuses).as(where + ": every curl carries its status as a comment (# 200)").hasSize(curls);
        boolean readOnly = curls > 0 && !MUTATES.matcher(text).find();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PATIENCE_SECONDS);
        int attempts = 0;
        while (true) {
            attempts++;
            Object ids = answers.snapshot();
            ReadmeShell.Result r = shell.run(text, Duration.ofSeconds(60));
            String problem = r.exitStatus() != 0 ? "exit status " + r.exitStatus()
                    : !r.err().isEmpty() ? "wrote to standard error" : null;
            if (problem != null) {
                throw new AssertionError(describe(where, step, r, problem));
            }
            String difference = !r.statuses().equals(expectedStatuses)
                    ? "HTTP statuses " + r.statuses() + ", the README shows " + expectedStatuses
                    : step.answer() == null
                    ? (r.out().isBlank() ? null : "printed an answer the README does not show")
                    : answers.mismatch(step.answer().lang(), step.answer().text(), r.out());
            if (difference == null) {
                report.add(where + ": ok" + (attempts > 1 ? " (" + attempts + " attempts)" : "") + ", "
                        + Duration.ofNanos(System.nanoTime() - t0).toMillis() + " ms");
                return;
            }
            answers.restore(ids);
            if (!readOnly || System.nanoTime() > deadline) {
                throw new AssertionError(describe(where, step, r, difference
                        + (step.answer() != null ? " (answer block at README.md:" + step.answer().line() + ")" : "")
                        + (attempts > 1 ? ", after " + attempts + " attempts" : "")));
            }
            Thread.sleep(500);
        }
    }

    private static String describe(String where, Step step, ReadmeShell.Result r, String problem) {
        String out = r.out().isEmpty() || r.out().endsWith("\n") ? r.out() : r.out() + "\n";
        return where + ": " + problem + "\n--- block:\n" + step.shell().text() + "--- printed:\n" + out
                + (r.err().isEmpty() ? "" : "--- standard error:\n" + r.err()) + "--- statuses: " + r.statuses();
    }

    /** Runs a start block in the background, after stopping the service before it; waits until ready. */
    private void start(String where, String text) throws Exception {
        String command = BUILD.matcher(text.strip()).replaceFirst("");
        assertThat(command).as(where + ": a start block builds only with ./mvnw -B package -DskipTests").doesNotContain("mvnw");
        stopService();
        services++;
        Path log = SCRATCH.resolve("service-" + services + ".log");
        Path pid = SCRATCH.resolve("service-" + services + ".pid");
        ReadmeShell.Result r = shell.run(command + " >'" + log + "' 2>&1 &\necho $! >'" + pid + "'\n", Duration.ofSeconds(10));
        assertThat(r.exitStatus()).as(where + ": " + r).isZero();
        servicePid = Long.parseLong(Files.readString(pid).trim());
        answers.forgetIds();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        URI ready = URI.create("http://localhost:" + port + "/q/health/ready");
        while (System.nanoTime() < deadline) {
            if (ProcessHandle.of(servicePid).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
                throw new AssertionError(where + ": the service exited while starting; its log:\n" + tail(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError(where + ": not ready after 120 s; its log:\n" + tail(log));
    }

    private void stopService() {
        if (servicePid < 0) {
            return;
        }
        Optional<ProcessHandle> h = ProcessHandle.of(servicePid);
        servicePid = -1;
        h.ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
    }

    private void dropDatabase(boolean mustWork) {
        ReadmeShell.Result r;
        try {
            r = shell.run("sudo -u postgres psql -X -q -v ON_ERROR_STOP=1 -c 'DROP DATABASE IF EXISTS " + DB
                    + " WITH (FORCE)' -c 'DROP ROLE IF EXISTS " + DB + "'\n", Duration.ofSeconds(30));
        } catch (RuntimeException e) {
            if (mustWork) {
                throw e;
            }
            report.add("dropping " + DB + " at the end failed: " + e);
            return;
        }
        if (mustWork && r.exitStatus() != 0) {
            throw new AssertionError("PostgreSQL on 127.0.0.1:5432 is needed (as for the rest of the suite), with a superuser"
                    + " 'postgres' this test can reach; dropping " + DB + " answered " + r);
        }
    }

    private Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", SCRATCH.resolve("bin") + ":" + Path.of(System.getProperty("java.home"), "bin") + ":"
                + Optional.ofNullable(System.getenv("PATH")).orElse("/usr/local/bin:/usr/bin:/bin"));
        env.put("HOME", WORK.toString());
        env.put("LANG", "C.UTF-8");
        env.put("URL", "http://localhost:" + port);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("DB", DB);
        return env;
    }

    private static void prepareFolder() throws IOException {
        if (Files.exists(WORK)) {
            try (Stream<Path> files = Files.walk(WORK)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(SCRATCH.resolve("bin"));
        Files.createSymbolicLink(WORK.resolve("target"), TARGET);
        Path sudo = SCRATCH.resolve("bin/sudo");
        Files.writeString(sudo, SUDO);
        Files.setPosixFilePermissions(sudo, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (Stream<Path> files = Files.walk(RULES)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path to = WORK.resolve("rules-dmn").resolve(RULES.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        }
    }

    /** Relative path -> content, of every file under a folder. */
    private static Map<String, String> files(Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(p)) {
                    out.put(root.relativize(p).toString(), Files.readString(p));
                }
            }
        }
        return out;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
