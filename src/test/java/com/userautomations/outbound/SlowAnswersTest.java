package com.userautomations.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Servers that answer byte by byte, on a raw socket on 127.0.0.1: the deadline runs to the last
 * header byte however the bytes are spread, and a body that never ends costs the body time.
 */
class SlowAnswersTest {
    private static Vertx vertx;
    private static GuardedHttp client;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        client = new GuardedHttp(vertx, new GuardedResolver(new FixedResolution(), true, Duration.ofSeconds(2)), null,
                Clock.systemUTC());
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void headersTrickledPastTheDeadlineAreATimeout() throws Exception {
        try (RawServer server = new RawServer(out -> {
            out.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 40; i++) {
                out.write('X');
                out.flush();
                Thread.sleep(100);
            }
            out.write(": y\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        })) {
            long start = System.nanoTime();
            OutboundAnswer answer = client.postAndWait(server.url(), Map.of(), new byte[0], Duration.ofMillis(800));
            assertThat(answer.failure()).isEqualTo("The endpoint did not answer within 800 milliseconds.");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        }
    }

    @Test
    void aBodyThatNeverEndsStillGivesTheStatusWithinTheBodyTime() throws Exception {
        try (RawServer server = new RawServer(out -> {
            out.write("HTTP/1.1 202 Accepted\r\nContent-Length: 100000\r\n\r\nstarted".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Thread.sleep(10_000);
        })) {
            long start = System.nanoTime();
            OutboundAnswer answer = client.postAndWait(server.url(), Map.of(), new byte[0], Duration.ofSeconds(2));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(answer).isEqualTo(new OutboundAnswer(202, null, "started", null));
            assertThat(took).isGreaterThanOrEqualTo(GuardedHttp.BODY_TIME.minusMillis(100))
                    .isLessThan(GuardedHttp.BODY_TIME.plusSeconds(2));
        }
    }

    @Test
    void aNonHttpAnswerIsAFailureSentence() throws Exception {
        try (RawServer server = new RawServer(out -> out.write("SSH-2.0-OpenSSH_9.6\r\n".getBytes(StandardCharsets.US_ASCII)))) {
            OutboundAnswer answer = client.postAndWait(server.url(), Map.of(), new byte[0], Duration.ofSeconds(2));
            assertThat(answer.answered()).isFalse();
            assertThat(answer.failure()).doesNotContain("Exception", "127.0.0.1", String.valueOf(server.port()));
        }
    }

    interface Script {
        void play(OutputStream out) throws Exception;
    }

    /** Accepts one connection, reads the request's head, then plays the script. */
    private static final class RawServer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        RawServer(Script script) throws Exception {
            socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
            thread = new Thread(() -> {
                try (Socket connection = socket.accept()) {
                    readHead(connection.getInputStream());
                    OutputStream out = connection.getOutputStream();
                    script.play(out);
                    out.flush();
                } catch (Exception ignored) {
                    // the client hung up, which is what most of these tests expect
                }
            }, "raw-server");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        URI url() {
            return URI.create("http://127.0.0.1:" + port() + "/in");
        }

        private static void readHead(InputStream in) throws Exception {
            int matched = 0;
            byte[] end = {'\r', '\n', '\r', '\n'};
            while (matched < 4) {
                int b = in.read();
                if (b < 0) {
                    return;
                }
                matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            thread.interrupt();
            thread.join(5_000);
        }
    }
}
