package com.userautomations.packaged;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One bash session, as a newcomer's terminal: blocks run in it one after the other with
 * {@code source}, so the variables one block sets are there for the next. Each block's standard
 * input is /dev/null; its output and errors are kept apart per block.
 *
 * <p>{@code curl} is a shell function that runs the real curl with
 * {@code -w '%{stderr}@@http %{http_code}\n'}: the answer on standard output is untouched, the HTTP
 * status of each call goes to standard error, where the test reads it.
 */
final class ReadmeShell implements AutoCloseable {
    private static final Pattern STATUS = Pattern.compile("@@http (\\d{3})");
    private static final String EOF = "\u0000eof";

    /** What one block did: its output, its other errors, the HTTP status of each curl, its exit status. */
    record Result(String out, String err, List<Integer> statuses, int exitStatus) {
    }

    private final Process bash;
    private final Writer in;
    private final Path scratch;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private int count;

    ReadmeShell(Path cwd, Path scratch, Map<String, String> env) throws IOException {
        this.scratch = scratch;
        ProcessBuilder pb = new ProcessBuilder("bash", "--noprofile", "--norc").directory(cwd.toFile())
                .redirectError(scratch.resolve("bash.err").toFile());
        pb.environment().clear();
        pb.environment().putAll(env);
        bash = pb.start();
        in = new java.io.OutputStreamWriter(bash.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(bash.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the shell is gone
            }
            lines.add(EOF);
        }, "readme-shell");
        reader.setDaemon(true);
        reader.start();
        Result r = run("curl() { command curl -w '%{stderr}@@http %{http_code}\\n' \"$@\"; }", Duration.ofSeconds(10));
        if (r.exitStatus() != 0) {
            throw new IllegalStateException("bash did not take the curl function: " + r);
        }
    }

    /** Runs a script in the session, waiting at most {@code timeout}. */
    Result run(String script, Duration timeout) {
        int n = ++count;
        Path file = scratch.resolve("block-" + n + ".sh");
        Path out = scratch.resolve("block-" + n + ".out");
        Path err = scratch.resolve("block-" + n + ".err");
        try {
            Files.writeString(file, script);
            in.write("source '" + file + "' </dev/null >'" + out + "' 2>'" + err + "'; echo \"@@done " + n + " $?\"\n");
            in.flush();
            String done = "@@done " + n + " ";
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new IllegalStateException("the block did not finish within " + timeout + " (" + file + ")");
                }
                if (EOF.equals(line)) {
                    throw new IllegalStateException("the shell exited while running " + file + ": "
                            + Files.readString(scratch.resolve("bash.err")));
                }
                if (line.startsWith(done)) {
                    int rc = Integer.parseInt(line.substring(done.length()).trim());
                    List<Integer> statuses = new ArrayList<>();
                    StringBuilder other = new StringBuilder();
                    for (String e : Files.readAllLines(err)) {
                        Matcher m = STATUS.matcher(e);
                        if (m.matches()) {
                            statuses.add(Integer.parseInt(m.group(1)));
                        } else {
                            other.append(e).append('\n');
                        }
                    }
                    return new Result(Files.readString(out), other.toString(), statuses, rc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            // gone already
        }
        try {
            if (!bash.waitFor(5, TimeUnit.SECONDS)) {
                bash.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            bash.destroyForcibly();
        }
    }
}
