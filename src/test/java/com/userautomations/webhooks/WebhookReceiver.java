package com.userautomations.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A platform's webhook endpoint for tests: a real HTTP server on 127.0.0.1 that checks every
 * request's Standard Webhooks signature with its own implementation (none of the service's
 * code: its own header parsing, key decoding, HMAC and constant-time comparison, a 5-minute
 * timestamp tolerance), records each delivery in arrival order and answers as scripted: 500 to
 * the first attempts, a hang (for timeouts), 410, a Retry-After. Unscripted requests get 200.
 */
public final class WebhookReceiver implements AutoCloseable {
    public static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived: {@code verified} false with the reason in {@code failure}. */
    public record Delivery(String id, String timestamp, String signature, String type, String body, boolean verified,
                           String failure, int answeredStatus, Instant receivedAt) {
    }

    /** How to answer one request: a status, after {@code delay}, with a Retry-After if not null. */
    public record Reply(int status, Duration delay, String retryAfter) {
        public static Reply ok() {
            return new Reply(200, Duration.ZERO, null);
        }

        public static Reply status(int status) {
            return new Reply(status, Duration.ZERO, null);
        }

        /** 410 Gone: the endpoint should be disabled. */
        public static Reply gone() {
            return status(410);
        }

        /** Answers 200 only after {@code delay}: longer than the sender's timeout, it is a timeout. */
        public static Reply hang(Duration delay) {
            return new Reply(200, delay, null);
        }

        public static Reply retryAfter(int status, String retryAfter) {
            return new Reply(status, Duration.ZERO, retryAfter);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final List<String> secrets = new CopyOnWriteArrayList<>();
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final Clock clock;

    private WebhookReceiver(Clock clock, List<String> secrets) throws IOException {
        this.clock = clock;
        this.secrets.addAll(secrets);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** A receiver trusting these secrets ({@code whsec_...}); a request is verified if one of them signed it. */
    public static WebhookReceiver start(String... secrets) throws IOException {
        return new WebhookReceiver(Clock.systemUTC(), List.of(secrets));
    }

    /** The platform learns a new secret (after a rotation); the ones it had stay trusted. */
    public void trust(String secret) {
        secrets.add(secret);
    }

    /** The platform forgets every secret but this one. */
    public void trustOnly(String secret) {
        secrets.clear();
        secrets.add(secret);
    }

    /** {@code http://127.0.0.1:<port><path>}: reachable only with private networks allowed. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public String url() {
        return url("/hook");
    }

    /** The next requests are answered so, in order; then 200 again. */
    public synchronized WebhookReceiver script(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** 500 to the next {@code n} requests, then 200. */
    public WebhookReceiver failFirst(int n) {
        for (int i = 0; i < n; i++) {
            script(Reply.status(500));
        }
        return this;
    }

    private synchronized Reply nextReply() {
        Reply r = script.poll();
        return r == null ? Reply.ok() : r;
    }

    public List<Delivery> deliveries() {
        return List.copyOf(deliveries);
    }

    /** How many requests carried each webhook-id, in order of first arrival. */
    public Map<String, Integer> countsById() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Delivery d : deliveries) {
            counts.merge(String.valueOf(d.id()), 1, Integer::sum);
        }
        return counts;
    }

    /** Ids answered with a 2xx more than once: deliveries the platform received twice. */
    public List<String> duplicateIds() {
        Map<String, Integer> accepted = new LinkedHashMap<>();
        for (Delivery d : deliveries) {
            if (d.answeredStatus() / 100 == 2) {
                accepted.merge(String.valueOf(d.id()), 1, Integer::sum);
            }
        }
        return accepted.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
    }

    /** Waits until {@code n} requests arrived; false if they did not within {@code timeout}. */
    public boolean awaitDeliveries(int n, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (deliveries.size() < n) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            var headers = exchange.getRequestHeaders();
            String id = headers.getFirst("webhook-id");
            String timestamp = headers.getFirst("webhook-timestamp");
            String signature = headers.getFirst("webhook-signature");
            String failure = "POST".equals(exchange.getRequestMethod()) ? verify(secrets, id, timestamp, signature, body, clock.instant())
                    : "not a POST";
            Reply reply = nextReply();
            deliveries.add(new Delivery(id, timestamp, signature, typeOf(body), new String(body, StandardCharsets.UTF_8),
                    failure == null, failure, reply.status(), clock.instant()));
            if (!reply.delay().isZero()) {
                try {
                    Thread.sleep(reply.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // closing
                }
            }
            if (reply.retryAfter() != null) {
                exchange.getResponseHeaders().set("Retry-After", reply.retryAfter());
            }
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(reply.status(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (IOException e) {
            // the sender gave up (a timeout): nothing to answer
        }
    }

    private static String typeOf(byte[] body) {
        try {
            JsonNode type = JSON.readTree(body).get("type");
            return type == null ? null : type.asText();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * The receiver's side of Standard Webhooks, written apart from the service's signer: null
     * when one {@code v1} entry of the header is the HMAC-SHA256 of {@code id.timestamp.body}
     * under one of the secrets and the timestamp is within 5 minutes of {@code now}; else why not.
     */
    public static String verify(List<String> secrets, String id, String timestamp, String signatureHeader, byte[] body,
                                Instant now) {
        if (id == null || timestamp == null || signatureHeader == null) {
            return "a webhook header is missing";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "the timestamp is not a number";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return "the timestamp is outside the tolerance";
        }
        List<byte[]> offered = new ArrayList<>();
        for (String entry : signatureHeader.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue; // another scheme's entry: not ours to judge
            }
            try {
                offered.add(Base64.getDecoder().decode(entry.substring(comma + 1)));
            } catch (IllegalArgumentException e) {
                // a malformed entry matches nothing
            }
        }
        if (offered.isEmpty()) {
            return "no v1 signature";
        }
        byte[] signed = concat((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8), body);
        for (String secret : secrets) {
            byte[] expected = hmacSha256(keyOf(secret), signed);
            for (byte[] candidate : offered) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return null;
                }
            }
        }
        return "no signature matches a trusted secret";
    }

    private static byte[] keyOf(String secret) {
        String encoded = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }

    private static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
