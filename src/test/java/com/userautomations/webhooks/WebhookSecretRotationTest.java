package com.userautomations.webhooks;

import com.userautomations.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

/**
 * Rotations through REST, signatures through {@link WebhookEndpoints#secretsFor} and
 * {@link WebhookSignature}, checked by the receiver's own verifier: during the 24 h a platform
 * that knows only the old secret, and one that knows only the new, both verify.
 */
@QuarkusTest
class WebhookSecretRotationTest {
    private static final byte[] BODY = "{\"type\":\"tags.added\",\"timestamp\":\"2026-12-04T10:00:00Z\",\"data\":{}}"
            .getBytes(StandardCharsets.UTF_8);

    @Inject
    WebhookEndpoints endpoints;

    private String signAt(String endpointId, Instant at, String msgId) {
        return WebhookSignature.sign(endpoints.secretsFor(endpointId, at), msgId, at.getEpochSecond(), BODY);
    }

    private static String verify(String secret, String msgId, Instant at, String header) {
        return WebhookReceiver.verify(List.of(secret), msgId, Long.toString(at.getEpochSecond()), header, BODY, at);
    }

    @Test
    void theOldSecretSignsBesideTheNewFor24Hours() {
        Api.SchoolKey s = Api.newSchool("rot");
        var created = s.req().body(Map.of("url", "https://hooks.example.com/in", "events", List.of("*")))
                .post(s.path("/webhooks")).then().statusCode(201).extract();
        String id = created.path("id");
        String first = created.path("secret");

        String second = s.req().post(s.path("/webhooks/" + id + ":rotate-secret")).then().statusCode(200)
                .header("Cache-Control", "no-store").body("$", not(hasKey("url"))).extract().path("secret");
        assertThat(second).matches("whsec_[A-Za-z0-9+/]{43}=").isNotEqualTo(first);

        Instant now = Instant.now();
        String msgId = MessageId.generate();
        String header = signAt(id, now, msgId);
        assertThat(header.split(" ")).hasSize(2);
        assertThat(verify(first, msgId, now, header)).isNull();
        assertThat(verify(second, msgId, now, header)).isNull();
        assertThat(verify(WebhookSecret.generate().value(), msgId, now, header)).isNotNull();
        assertThat(endpoints.secretsFor(id, now)).extracting(WebhookSecret::value).containsExactly(second, first);

        // past the 24 h only the new one signs
        Instant later = now.plus(Duration.ofHours(24)).plusSeconds(60);
        String afterwards = signAt(id, later, msgId);
        assertThat(afterwards.split(" ")).hasSize(1);
        assertThat(verify(second, msgId, later, afterwards)).isNull();
        assertThat(verify(first, msgId, later, afterwards)).isNotNull();
        // the secret is still never read back
        s.req().get(s.path("/webhooks/" + id)).then().statusCode(200).body("$", not(hasKey("secret")));
    }

    @Test
    void rotatingAgainWithinThe24HoursEndsTheOldest() {
        Api.SchoolKey s = Api.newSchool("rot");
        var created = s.req().body(Map.of("url", "https://hooks.example.com/in", "events", List.of("tags.added")))
                .post(s.path("/webhooks")).then().statusCode(201).extract();
        String id = created.path("id");
        String first = created.path("secret");
        String second = s.req().post(s.path("/webhooks/" + id + ":rotate-secret")).then().statusCode(200).extract().path("secret");
        // percent-encoded colon, as many clients send it
        String third = RestAssured.given().urlEncodingEnabled(false).header("Authorization", "Bearer " + s.key())
                .post(s.path("/webhooks/" + id + "%3Arotate-secret")).then().statusCode(200).extract().path("secret");

        Instant now = Instant.now();
        assertThat(endpoints.secretsFor(id, now)).extracting(WebhookSecret::value).containsExactly(third, second);
        String msgId = MessageId.generate();
        String header = signAt(id, now, msgId);
        assertThat(verify(third, msgId, now, header)).isNull();
        assertThat(verify(second, msgId, now, header)).isNull();
        assertThat(verify(first, msgId, now, header)).isNotNull();
    }

    @Test
    void rotatingAnUnknownEndpointIs404() {
        Api.SchoolKey s = Api.newSchool("rot");
        s.req().post(s.path("/webhooks/whk_nosuchendpoint00:rotate-secret")).then().statusCode(404)
                .body("detail", equalTo("No such webhook endpoint"));
    }
}
