package com.userautomations.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.PfxOptions;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guarded client against real servers on 127.0.0.1: an HTTP one, and an HTTPS one whose
 * self-signed certificate is for the name evil.test only, which the test's resolver points at
 * 127.0.0.1. Private networks are allowed except where the test says otherwise.
 */
class GuardedHttpTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @TempDir
    static Path keys;
    private static Vertx vertx;
    private static LocalServer http;
    private static LocalServer https;
    private static PemTrustOptions trust;

    private final FixedResolution names = new FixedResolution()
            .with("evil.test", "127.0.0.1")
            .with("other.test", "127.0.0.1")
            .with("mixed.test", "8.8.8.8", "127.0.0.1");

    @BeforeAll
    static void servers() throws Exception {
        vertx = Vertx.vertx();
        Path store = keys.resolve("server.p12");
        Path cert = keys.resolve("server.pem");
        keytool("-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=evil.test",
                "-ext", "SAN=dns:evil.test", "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "secret123", "-keypass", "secret123");
        keytool("-exportcert", "-rfc", "-alias", "server", "-keystore", store.toString(), "-storepass", "secret123",
                "-file", cert.toString());
        assertThat(store).exists();
        assertThat(Files.readString(cert)).startsWith("-----BEGIN CERTIFICATE-----");
        trust = new PemTrustOptions().addCertPath(cert.toString());
        http = new LocalServer(vertx, new HttpServerOptions());
        https = new LocalServer(vertx, new HttpServerOptions().setSsl(true).setSni(true)
                .setKeyCertOptions(new PfxOptions().setPath(store.toString()).setPassword("secret123")));
    }

    @AfterAll
    static void stop() throws Exception {
        http.close();
        https.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private GuardedHttp client(boolean privateNetworksAllowed) {
        return new GuardedHttp(vertx, new GuardedResolver(names, privateNetworksAllowed, Duration.ofSeconds(2)), trust,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private OutboundAnswer post(GuardedHttp client, String url, Duration timeout) throws Exception {
        return client.post(URI.create(url), Map.of("Content-Type", "application/json", "webhook-id", "msg_1"),
                "{}".getBytes(StandardCharsets.UTF_8), timeout).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static String httpUrl(String host, String path) {
        return "http://" + host + ":" + http.port() + path;
    }

    @Test
    void aPostArrivesWithItsHeadersItsExactBodyAndTheUrlsHost() throws Exception {
        byte[] body = "{\"type\":\"tags.added\",\"name\":\"Zoë \u2603\"}".getBytes(StandardCharsets.UTF_8);
        int before = http.requests.size();
        OutboundAnswer answer = client(true).post(URI.create(httpUrl("evil.test", "/ok?x=1&y=%20")),
                Map.of("Content-Type", "application/json", "webhook-id", "msg_abc", "webhook-signature", "v1,c2ln"),
                body, TIMEOUT).toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(answer).isEqualTo(new OutboundAnswer(200, null, "fine", null));
        assertThat(answer.succeeded()).isTrue();
        LocalServer.Seen seen = http.requests.get(before);
        assertThat(seen.method()).isEqualTo("POST");
        assertThat(seen.uri()).isEqualTo("/ok?x=1&y=%20");
        assertThat(seen.host()).isEqualTo("evil.test:" + http.port());
        assertThat(seen.headers()).containsEntry("webhook-id", "msg_abc").containsEntry("webhook-signature", "v1,c2ln")
                .containsEntry("Content-Type", "application/json");
        assertThat(seen.body()).isEqualTo(body);
        assertThat(names.lookedUp).containsExactly("evil.test");
    }

    @Test
    void eachPostLooksTheNameUpOnceAndTheBlockingVariantAnswersTheSame() throws Exception {
        GuardedHttp client = client(true);
        post(client, httpUrl("evil.test", "/ok"), TIMEOUT);
        OutboundAnswer blocking = client.postAndWait(URI.create(httpUrl("evil.test", "/ok")), Map.of(), new byte[0], TIMEOUT);
        assertThat(blocking.status()).isEqualTo(200);
        assertThat(names.lookedUp).containsExactly("evil.test", "evil.test");
    }

    @Test
    void aRedirectIsTheAnswerAndIsNotFollowed() throws Exception {
        int before = http.requests.size();
        OutboundAnswer answer = post(client(true), httpUrl("127.0.0.1", "/redirect"), TIMEOUT);
        assertThat(answer.status()).isEqualTo(302);
        assertThat(answer.succeeded()).isFalse();
        Thread.sleep(200);
        assertThat(http.requests.subList(before, http.requests.size())).extracting(LocalServer.Seen::uri)
                .containsExactly("/redirect");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeGivesTheTimeoutSentenceInBoundedTime() throws Exception {
        long start = System.nanoTime();
        OutboundAnswer answer = post(client(true), httpUrl("127.0.0.1", "/slow"), Duration.ofMillis(500));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(answer).isEqualTo(OutboundAnswer.failed("The endpoint did not answer within 500 milliseconds."));
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aServerThatClosesTheConnectionGivesAConnectionSentence() throws Exception {
        OutboundAnswer answer = post(client(true), httpUrl("127.0.0.1", "/close"), TIMEOUT);
        assertThat(answer.answered()).isFalse();
        assertThat(answer.failure()).isEqualTo("The endpoint closed the connection before answering.");
    }

    @Test
    void aPortNobodyListensOnGivesAConnectionSentenceWithoutHostOrPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        OutboundAnswer answer = post(client(true), "http://evil.test:" + port + "/ok", TIMEOUT);
        assertThat(answer.failure()).isEqualTo("The connection to the endpoint could not be made.")
                .doesNotContain(String.valueOf(port), "evil", "127");
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() throws Exception {
        OutboundAnswer seconds = post(client(true), httpUrl("127.0.0.1", "/retry-seconds"), TIMEOUT);
        assertThat(seconds.status()).isEqualTo(503);
        assertThat(seconds.retryAfter()).isEqualTo(Duration.ofSeconds(120));
        OutboundAnswer date = post(client(true), httpUrl("127.0.0.1", "/retry-date"), TIMEOUT);
        assertThat(date.status()).isEqualTo(429);
        assertThat(date.retryAfter()).isEqualTo(Duration.ofSeconds(90));
        assertThat(GuardedHttp.retryAfter("Fri, 04 Dec 2026 11:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
        assertThat(GuardedHttp.retryAfter("soon", NOW)).isNull();
        assertThat(GuardedHttp.retryAfter("-5", NOW)).isNull();
        assertThat(GuardedHttp.retryAfter(null, NOW)).isNull();
    }

    @Test
    void onlyTheStartOfALongBodyIsKept() throws Exception {
        OutboundAnswer answer = post(client(true), httpUrl("127.0.0.1", "/big"), TIMEOUT);
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).hasSize(GuardedHttp.MAX_BODY).matches("x+");
    }

    @Test
    void withoutPrivateNetworksLoopbackIsRefusedBeforeAnyConnection() throws Exception {
        GuardedHttp client = client(false);
        int connections = https.connections.get() + http.connections.get();
        int requests = https.requests.size() + http.requests.size();

        OutboundAnswer literal = post(client, "https://127.0.0.1:" + https.port() + "/ok", TIMEOUT);
        OutboundAnswer name = post(client, "https://evil.test:" + https.port() + "/ok", TIMEOUT);
        OutboundAnswer mixed = post(client, "https://mixed.test:" + https.port() + "/ok", TIMEOUT);
        OutboundAnswer plain = post(client, httpUrl("evil.test", "/ok"), TIMEOUT);

        assertThat(literal.failure()).startsWith("The URL's host is a loopback address (127.0.0.0/8)");
        assertThat(name.failure()).startsWith("The URL's host name resolves to a loopback address (127.0.0.0/8)");
        assertThat(mixed.failure()).startsWith("The URL's host name resolves to a loopback address");
        assertThat(plain.failure()).isEqualTo("The URL must be absolute and start with https://.");
        Thread.sleep(200);
        assertThat(https.connections.get() + http.connections.get()).isEqualTo(connections);
        assertThat(https.requests.size() + http.requests.size()).isEqualTo(requests);
    }

    @Test
    void aHeaderValueWithALineBreakIsAFailedAnswerNotAThrowAndNothingIsSent() throws Exception {
        int before = http.requests.size();
        OutboundAnswer answer = client(true).post(URI.create(httpUrl("127.0.0.1", "/ok")),
                Map.of("webhook-id", "msg_1\r\nX-Injected: 1"), new byte[0], TIMEOUT).toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(answer.answered()).isFalse();
        Thread.sleep(200);
        assertThat(http.requests.subList(before, http.requests.size())).noneMatch(seen -> seen.headers().containsKey("X-Injected"));
    }

    @Test
    void aNameThatDoesNotResolveFailsTheAttempt() throws Exception {
        OutboundAnswer answer = post(client(true), "https://nowhere.test/ok", TIMEOUT);
        assertThat(answer.failure()).isEqualTo("The URL's host name does not resolve to any address.");
    }

    @Test
    void overTlsTheNameGoesInSniAndHostWhileTheSocketGoesToTheCheckedAddress() throws Exception {
        int before = https.requests.size();
        OutboundAnswer answer = post(client(true), "https://evil.test:" + https.port() + "/ok", TIMEOUT);
        assertThat(answer.status()).isEqualTo(200);
        LocalServer.Seen seen = https.requests.get(before);
        assertThat(seen.serverName()).isEqualTo("evil.test");
        assertThat(seen.host()).isEqualTo("evil.test:" + https.port());
    }

    @Test
    void aCertificateForAnotherNameIsATlsFailure() throws Exception {
        int before = https.requests.size();
        OutboundAnswer answer = post(client(true), "https://other.test:" + https.port() + "/ok", TIMEOUT);
        assertThat(answer.failure()).isEqualTo(
                "The TLS connection to the endpoint failed (its certificate or handshake was not accepted).");
        assertThat(https.requests.size()).isEqualTo(before);
    }

    @Test
    void withoutTheTestsTrustTheSelfSignedCertificateIsRefused() throws Exception {
        GuardedHttp jdkTrust = new GuardedHttp(vertx, new GuardedResolver(names, true, Duration.ofSeconds(2)), null,
                Clock.systemUTC());
        OutboundAnswer answer = post(jdkTrust, "https://evil.test:" + https.port() + "/ok", TIMEOUT);
        assertThat(answer.failure()).startsWith("The TLS connection to the endpoint failed");
    }

    private static void keytool(String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }
}
