package com.userautomations.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class VapidAuthorizationTest {
    private static final Instant NOW = Instant.parse("2026-12-04T10:00:00Z");
    private final VapidKeys keys = VapidKeys.generate();

    @Test
    void theHeaderIsAnEs256JwtSignedInJoseFormAndTheKey() throws Exception {
        String header = VapidAuthorization.header(keys, "mailto:ops@school.test", "https://push.example.net/send/abc?x=1", NOW);
        assertThat(header).startsWith("vapid t=").endsWith(", k=" + keys.publicKeyBase64Url());
        String jwt = header.substring("vapid t=".length(), header.indexOf(", k="));
        String[] parts = jwt.split("\\.");
        assertThat(parts).hasSize(3);
        byte[] signature = Base64Url.decode(parts[2]);
        assertThat(signature).hasSize(64);

        Signature jdk = Signature.getInstance("SHA256withECDSA");
        jdk.initVerify(keys.publicKey());
        jdk.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(jdk.verify(PushServiceStandIn.joseToDer(signature))).isTrue();
        assertThat(SignedJWT.parse(jwt).verify(new ECDSAVerifier(keys.publicKey()))).isTrue();
        assertThat(SignedJWT.parse(jwt).verify(new ECDSAVerifier(VapidKeys.generate().publicKey()))).isFalse();

        ObjectMapper json = new ObjectMapper();
        JsonNode head = json.readTree(Base64Url.decode(parts[0]));
        assertThat(head.path("alg").asText()).isEqualTo("ES256");
        assertThat(head.path("typ").asText()).isEqualTo("JWT");
        JsonNode claims = json.readTree(Base64Url.decode(parts[1]));
        assertThat(claims.path("aud").isTextual()).isTrue();
        assertThat(claims.path("aud").asText()).isEqualTo("https://push.example.net");
        assertThat(claims.path("sub").asText()).isEqualTo("mailto:ops@school.test");
        long exp = claims.path("exp").asLong();
        assertThat(exp).isGreaterThan(NOW.getEpochSecond())
                .isLessThanOrEqualTo(NOW.plus(Duration.ofHours(12)).getEpochSecond())
                .isEqualTo(NOW.plus(Duration.ofHours(12)).minusSeconds(600).getEpochSecond());
    }

    @Test
    void theAudienceIsTheEndpointsOrigin() {
        assertThat(VapidAuthorization.audience("https://Push.Example.NET/a/b?c#d")).isEqualTo("https://push.example.net");
        assertThat(VapidAuthorization.audience("https://push.example.net:443/a")).isEqualTo("https://push.example.net");
        assertThat(VapidAuthorization.audience("https://push.example.net:8443/a")).isEqualTo("https://push.example.net:8443");
        assertThat(VapidAuthorization.audience("http://127.0.0.1:5000/push/x")).isEqualTo("http://127.0.0.1:5000");
        assertThat(VapidAuthorization.audience("https://[::1]:9443/p")).isEqualTo("https://[::1]:9443");
    }

    @Test
    void theSubjectIsTheConfiguredMailtoOrHttpsElseTheFromAddress() {
        assertThat(VapidAuthorization.subject(Optional.of("mailto:ops@school.test"), Optional.of("a@b.test")))
                .isEqualTo("mailto:ops@school.test");
        assertThat(VapidAuthorization.subject(Optional.of("https://school.test/contact"), Optional.of("a@b.test")))
                .isEqualTo("https://school.test/contact");
        assertThat(VapidAuthorization.subject(Optional.of("ops@school.test"), Optional.of("no-reply@school.test")))
                .isEqualTo("mailto:no-reply@school.test");
        assertThat(VapidAuthorization.subject(Optional.empty(), Optional.of("no-reply@school.test")))
                .isEqualTo("mailto:no-reply@school.test");
    }
}
