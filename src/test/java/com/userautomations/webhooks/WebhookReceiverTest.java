package com.userautomations.webhooks;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test receiver itself, over real HTTP on 127.0.0.1: it must tell a good signature from a bad one. */
class WebhookReceiverTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final WebhookSecret secret = WebhookSecret.generate();
    private WebhookReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        receiver = WebhookReceiver.start(secret.value());
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    private HttpResponse<String> post(String id, long timestamp, String signature, String body, Duration timeout) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(receiver.url())).timeout(timeout)
                .header("Content-Type", "application/json").header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp)).header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> signedPost(String id, String body, WebhookSecret... with) throws Exception {
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSignature.sign(List.of(with), id, now, body.getBytes(StandardCharsets.UTF_8));
        return post(id, now, signature, body, Duration.ofSeconds(5));
    }

    @Test
    void recordsAVerifiedDeliveryWithItsIdTypeAndBody() throws Exception {
        String id = MessageId.generate();
        String body = "{\"type\":\"tags.added\",\"timestamp\":\"2026-12-04T10:00:00Z\",\"data\":{\"tags\":[\"ταγ\"]}}";
        assertThat(signedPost(id, body, secret).statusCode()).isEqualTo(200);
        assertThat(receiver.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.verified()).as(d.failure()).isTrue();
            assertThat(d.id()).isEqualTo(id);
            assertThat(d.type()).isEqualTo("tags.added");
            assertThat(d.body()).isEqualTo(body);
            assertThat(d.answeredStatus()).isEqualTo(200);
        });
    }

    @Test
    void rejectsATamperedBody() throws Exception {
        String id = MessageId.generate();
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSignature.sign(List.of(secret), id, now, "{\"type\":\"tags.added\"}".getBytes(StandardCharsets.UTF_8));
        post(id, now, signature, "{\"type\":\"tags.removed\"}", Duration.ofSeconds(5));
        assertThat(receiver.deliveries()).singleElement().satisfies(d -> {
            assertThat(d.verified()).isFalse();
            assertThat(d.failure()).isEqualTo("no signature matches a trusted secret");
        });
    }

    @Test
    void rejectsAWrongSecretAndAcceptsEitherDuringARotation() throws Exception {
        WebhookSecret other = WebhookSecret.generate();
        signedPost(MessageId.generate(), "{}", other);
        signedPost(MessageId.generate(), "{}", other, secret); // newest first: the receiver knows only the older one
        receiver.trustOnly(other.value());
        signedPost(MessageId.generate(), "{}", other, secret);
        signedPost(MessageId.generate(), "{}", secret);
        assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::verified).containsExactly(false, true, true, false);
    }

    @Test
    void rejectsAStaleTimestampAndMissingHeaders() throws Exception {
        String id = MessageId.generate();
        long old = Instant.now().minus(Duration.ofMinutes(6)).getEpochSecond();
        post(id, old, WebhookSignature.sign(List.of(secret), id, old, "{}".getBytes(StandardCharsets.UTF_8)), "{}", Duration.ofSeconds(5));
        HttpRequest bare = HttpRequest.newBuilder(URI.create(receiver.url())).POST(HttpRequest.BodyPublishers.ofString("{}")).build();
        CLIENT.send(bare, HttpResponse.BodyHandlers.ofString());
        assertThat(receiver.deliveries()).extracting(WebhookReceiver.Delivery::failure)
                .containsExactly("the timestamp is outside the tolerance", "a webhook header is missing");
    }

    @Test
    void answersAsScriptedThen200AndCountsDuplicatesById() throws Exception {
        receiver.failFirst(2).script(WebhookReceiver.Reply.gone(), WebhookReceiver.Reply.retryAfter(503, "7"));
        String id = MessageId.generate();
        assertThat(signedPost(id, "{}", secret).statusCode()).isEqualTo(500);
        assertThat(signedPost(id, "{}", secret).statusCode()).isEqualTo(500);
        assertThat(signedPost(id, "{}", secret).statusCode()).isEqualTo(410);
        HttpResponse<String> limited = signedPost(id, "{}", secret);
        assertThat(limited.statusCode()).isEqualTo(503);
        assertThat(limited.headers().firstValue("Retry-After")).contains("7");
        assertThat(signedPost(id, "{}", secret).statusCode()).isEqualTo(200);
        assertThat(receiver.duplicateIds()).isEmpty();
        assertThat(signedPost(id, "{}", secret).statusCode()).isEqualTo(200);
        String other = MessageId.generate();
        signedPost(other, "{}", secret);
        assertThat(receiver.countsById()).containsExactly(java.util.Map.entry(id, 6), java.util.Map.entry(other, 1));
        assertThat(receiver.duplicateIds()).containsExactly(id);
    }

    @Test
    void aHangOutlastsTheSendersTimeout() throws Exception {
        receiver.script(WebhookReceiver.Reply.hang(Duration.ofSeconds(3)));
        String id = MessageId.generate();
        long now = Instant.now().getEpochSecond();
        String signature = WebhookSignature.sign(List.of(secret), id, now, "{}".getBytes(StandardCharsets.UTF_8));
        long started = System.nanoTime();
        assertThatThrownBy(() -> post(id, now, signature, "{}", Duration.ofMillis(300))).isInstanceOf(HttpTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));
        assertThat(receiver.awaitDeliveries(1, Duration.ofSeconds(2))).isTrue();
        assertThat(signedPost(MessageId.generate(), "{}", secret).statusCode()).isEqualTo(200);
    }
}
