package com.userautomations.common;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Slow clients are cut off per request: headers trickled past the header timeout, a body
 * trickled past the body timeout; a keep-alive client pausing between requests is not.
 */
@QuarkusTest
@TestProfile(SlowClientsTest.ShortTimeouts.class)
class SlowClientsTest {
    public static class ShortTimeouts implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("automations.http.header-timeout", "PT2S", "automations.http.body-timeout", "PT3S");
        }
    }

    @Inject
    SlowClientGuard guard;

    @BeforeEach
    void guardIsArmed() {
        await().atMost(Duration.ofSeconds(5)).until(() -> guard.armed() > 0);
    }

    @Test
    void headersTrickledOneByteEvery500msAreCutOffAtTheHeaderTimeout() throws Exception {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                Socket s = open();
                s.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHost: x\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                sockets.add(s);
            }
            long start = System.nanoTime();
            List<Long> closedAfterMs = trickleUntilClosed(sockets, Duration.ofSeconds(7));
            assertThat(closedAfterMs).as("every trickling connection is closed").hasSize(3)
                    .allSatisfy(ms -> assertThat(ms).isBetween(1500L, 4500L));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(7));
        } finally {
            for (Socket s : sockets) {
                s.close();
            }
        }
    }

    @Test
    void aBodyTrickledPastTheBodyTimeoutIsCutOff() throws Exception {
        try (Socket s = open()) {
            s.getOutputStream().write(("POST /api/v1/schools HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Authorization: Bearer test-operator-token\r\nContent-Length: 500\r\n\r\n{")
                    .getBytes(StandardCharsets.US_ASCII));
            List<Long> closedAfterMs = trickleUntilClosed(List.of(s), Duration.ofSeconds(8));
            assertThat(closedAfterMs).as("the connection is closed").hasSize(1)
                    .allSatisfy(ms -> assertThat(ms).isBetween(2500L, 5500L));
        }
    }

    @Test
    void aKeepAliveConnectionServesRequestsAfterPausesLongerThanBothTimeouts() throws Exception {
        try (Socket s = open()) {
            for (int i = 0; i < 3; i++) {
                s.getOutputStream().write("GET /q/health/live HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                assertThat(readResponse(s)).startsWith("HTTP/1.1 200").contains("\"UP\"");
                if (i < 2) {
                    Thread.sleep(3300); // beyond the header (2 s) and the body (3 s) timeouts, within the idle timeout
                }
            }
        }
    }

    /** One byte to each open socket every 500 ms; returns when each socket closed (ms from the start). */
    private static List<Long> trickleUntilClosed(List<Socket> sockets, Duration max) throws Exception {
        long start = System.nanoTime();
        List<Long> closed = new ArrayList<>();
        List<Socket> open = new ArrayList<>(sockets);
        while (!open.isEmpty() && System.nanoTime() - start < max.toNanos()) {
            Thread.sleep(500);
            for (Socket s : List.copyOf(open)) {
                if (isClosedByPeer(s)) {
                    closed.add(Duration.ofNanos(System.nanoTime() - start).toMillis());
                    open.remove(s);
                }
            }
        }
        return closed;
    }

    private static boolean isClosedByPeer(Socket s) {
        try {
            s.getOutputStream().write('a');
            s.setSoTimeout(50);
            InputStream in = s.getInputStream();
            while (true) {
                int b = in.read();
                if (b < 0) {
                    return true;
                }
                // bytes of an answer (a 408 or a refusal) before the close: keep reading
            }
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private static Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", RestAssured.port);
        s.setTcpNoDelay(true);
        return s;
    }

    private static String readResponse(Socket s) throws IOException {
        s.setSoTimeout(5000);
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed after " + head);
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = headers.lines().filter(l -> l.toLowerCase().startsWith("content-length:"))
                .map(l -> Integer.parseInt(l.substring(15).trim())).findFirst().orElse(0);
        return headers + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
