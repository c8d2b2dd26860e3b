package com.userautomations.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.userautomations.push.PushServiceStandIn.Answer;
import com.userautomations.push.PushServiceStandIn.BrowserSubscription;
import com.userautomations.push.PushServiceStandIn.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stand-in push service, fed the requests {@link WebPushRequest} makes and posted with the
 * JDK's HTTP client: what it accepts was made right, what it refuses is refused for the right reason.
 */
class PushServiceStandInTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final PushServiceStandIn service = PushServiceStandIn.start();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final VapidKeys vapid = VapidKeys.generate();

    @AfterEach
    void close() {
        service.close();
    }

    private PushSubscription stored(BrowserSubscription browser) {
        return new PushSubscription("s", "u", "sub1", browser.endpoint(), PushSubscriptionKeys.of(browser.p256dh(), browser.auth()),
                null, Instant.now(), Instant.now());
    }

    private WebPushRequest request(BrowserSubscription browser, PushMessage message) {
        return WebPushRequest.of(stored(browser), message, Duration.ofSeconds(86400), vapid, "mailto:ops@school.test", Instant.now());
    }

    private HttpResponse<Void> post(WebPushRequest push, Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(push.endpoint())).timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(push.body()));
        push.headers().forEach(r::header);
        return client.send(r.build(), HttpResponse.BodyHandlers.discarding());
    }

    @Test
    void anAuthorizedPushIsDecryptedAndRecorded() throws Exception {
        BrowserSubscription browser = service.subscribe(vapid.publicKeyBase64Url());
        WebPushRequest push = request(browser, new PushMessage("Welcome", "Your course starts today", "https://school.test/c/1"));
        assertThat(push.headers()).containsEntry("TTL", "86400").containsEntry("Content-Encoding", "aes128gcm")
                .containsEntry("Content-Type", "application/octet-stream");

        HttpResponse<Void> answer = post(push, TIMEOUT);

        assertThat(answer.statusCode()).isEqualTo(201);
        Received received = service.received().get(0);
        assertThat(received.problem()).isNull();
        assertThat(new ObjectMapper().readTree(received.text()))
                .isEqualTo(new ObjectMapper().readTree("{\"title\":\"Welcome\",\"body\":\"Your course starts today\",\"url\":\"https://school.test/c/1\"}"));
        assertThat(WebPushAnswers.outcome(answer.statusCode(), null, Instant.now()).kind()).isEqualTo(PushOutcome.Kind.SENT);
    }

    @Test
    void scriptedAnswersComeInOrderThen201() throws Exception {
        BrowserSubscription browser = service.subscribe(null);
        service.script(Answer.status(404), Answer.status(410), Answer.tooManyRequests(7), Answer.status(500));
        PushMessage message = new PushMessage("t", "b", null);

        HttpResponse<Void> notFound = post(request(browser, message), TIMEOUT);
        HttpResponse<Void> gone = post(request(browser, message), TIMEOUT);
        HttpResponse<Void> slowDown = post(request(browser, message), TIMEOUT);
        HttpResponse<Void> broken = post(request(browser, message), TIMEOUT);
        HttpResponse<Void> fine = post(request(browser, message), TIMEOUT);

        assertThat(notFound.statusCode()).isEqualTo(404);
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(slowDown.statusCode()).isEqualTo(429);
        assertThat(slowDown.headers().firstValue("Retry-After")).contains("7");
        assertThat(broken.statusCode()).isEqualTo(500);
        assertThat(fine.statusCode()).isEqualTo(201);
        assertThat(service.received()).hasSize(5).allSatisfy(r -> assertThat(r.text()).isEqualTo("{\"title\":\"t\",\"body\":\"b\"}"));

        Instant now = Instant.now();
        assertThat(WebPushAnswers.outcome(410, null, now).kind()).isEqualTo(PushOutcome.Kind.EXPIRED);
        assertThat(WebPushAnswers.outcome(404, null, now).error()).isEqualTo("the subscription has expired");
        PushOutcome retry = WebPushAnswers.outcome(429, slowDown.headers().firstValue("Retry-After").orElse(null), now);
        assertThat(retry.kind()).isEqualTo(PushOutcome.Kind.RETRY);
        assertThat(retry.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(WebPushAnswers.outcome(503, "Fri, 04 Dec 2026 10:01:00 GMT", Instant.parse("2026-12-04T10:00:00Z")).retryAfter())
                .isEqualTo(Duration.ofMinutes(1));
        assertThat(WebPushAnswers.outcome(400, null, now).kind()).isEqualTo(PushOutcome.Kind.FAILED);
        assertThat(WebPushAnswers.outcome(413, null, now).kind()).isEqualTo(PushOutcome.Kind.FAILED);
    }

    @Test
    void aHangingServiceAnswersNothingUntilTheClientGivesUp() throws Exception {
        BrowserSubscription browser = service.subscribe(null);
        service.script(Answer.hangs());
        WebPushRequest push = request(browser, new PushMessage("t", "b", null));
        assertThatThrownBy(() -> post(push, Duration.ofMillis(500))).isInstanceOf(HttpTimeoutException.class);
        assertThat(service.await(1, TIMEOUT)).isTrue();
        assertThat(post(request(browser, new PushMessage("t", "b", null)), TIMEOUT).statusCode()).isEqualTo(201);
    }

    @Test
    void anotherVapidKeyABadTokenOrABadBodyIsRefusedAndSaysWhy() throws Exception {
        BrowserSubscription boundToOtherKey = service.subscribe(VapidKeys.generate().publicKeyBase64Url());
        assertThat(post(request(boundToOtherKey, new PushMessage("t", "b", null)), TIMEOUT).statusCode()).isEqualTo(403);
        assertThat(service.received().get(0).problem()).isEqualTo("k is not the key the subscription was made with");

        BrowserSubscription browser = service.subscribe(null);
        WebPushRequest good = request(browser, new PushMessage("t", "b", null));
        // signed with one key, claiming another: the signature does not verify with k
        String forged = good.headers().get("Authorization").replaceFirst("k=.*$", "k=" + VapidKeys.generate().publicKeyBase64Url());
        java.util.Map<String, String> headers = new java.util.HashMap<>(good.headers());
        headers.put("Authorization", forged);
        assertThat(post(new WebPushRequest(good.endpoint(), headers, good.body()), TIMEOUT).statusCode()).isEqualTo(401);
        assertThat(service.received().get(1).problem()).isEqualTo("the JWT's signature does not verify with k");

        // a token for another origin
        String elsewhere = VapidAuthorization.header(vapid, "mailto:ops@school.test", "https://push.example.net/x", Instant.now());
        headers.put("Authorization", elsewhere);
        assertThat(post(new WebPushRequest(good.endpoint(), headers, good.body()), TIMEOUT).statusCode()).isEqualTo(401);
        assertThat(service.received().get(2).problem()).startsWith("aud is not");

        // a token that expires too late
        String late = VapidAuthorization.header(vapid, "mailto:ops@school.test", good.endpoint(), Instant.now().plus(Duration.ofHours(1)));
        headers.put("Authorization", late);
        assertThat(post(new WebPushRequest(good.endpoint(), headers, good.body()), TIMEOUT).statusCode()).isEqualTo(401);
        assertThat(service.received().get(3).problem()).isEqualTo("exp is not within the next 12 hours");

        byte[] tampered = good.body();
        tampered[100] ^= 1;
        assertThat(post(new WebPushRequest(good.endpoint(), good.headers(), tampered), TIMEOUT).statusCode()).isEqualTo(400);
        assertThat(service.received().get(4).problem()).startsWith("cannot decrypt");
        assertThat(service.received()).allSatisfy(r -> assertThat(r.plaintext()).isNull());
    }

    @Test
    void aPayloadTooLargeForOnePushIsNeverBuilt() {
        BrowserSubscription browser = service.subscribe(null);
        PushMessage huge = new PushMessage("t", "x".repeat(4000), null);
        assertThat(huge.refusal()).startsWith("The push payload is 4023 bytes; at most 3993");
        assertThatThrownBy(() -> request(browser, huge)).isInstanceOf(PushPayloadTooLarge.class);
        assertThat(new PushMessage("t", "x".repeat(3993 - 23), null).refusal()).isNull();
        assertThat(request(browser, new PushMessage("t", "x".repeat(3993 - 23), null)).body()).hasSize(4096);
    }
}
