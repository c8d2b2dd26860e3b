package com.userautomations.webhooks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signing scheme against the Standard Webhooks test vector, and the secrets' and ids' shapes. */
class WebhookSignatureTest {
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330;
    private static final byte[] SPEC_BODY = "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8);

    @Test
    void theSpecsVector() {
        assertThat(WebhookSignature.sign(List.of(WebhookSecret.parse(SPEC_SECRET)), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void oneEntryPerSecretInTheOrderGivenSeparatedBySpaces() {
        WebhookSecret newer = WebhookSecret.generate();
        WebhookSecret spec = WebhookSecret.parse(SPEC_SECRET);
        String header = WebhookSignature.sign(List.of(newer, spec), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
        String[] entries = header.split(" ");
        assertThat(entries).hasSize(2);
        assertThat(entries[0]).isEqualTo(WebhookSignature.sign(List.of(newer), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY));
        assertThat(entries[1]).isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void theReceiversVerifierAcceptsWhatIsSignedAndNothingElse() {
        Instant at = Instant.ofEpochSecond(SPEC_TIMESTAMP);
        String header = WebhookSignature.sign(List.of(WebhookSecret.parse(SPEC_SECRET)), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);
        assertThat(WebhookReceiver.verify(List.of(SPEC_SECRET), SPEC_ID, "1614265330", header, SPEC_BODY, at)).isNull();
        byte[] tampered = "{\"test\": 2432232315}".getBytes(StandardCharsets.UTF_8);
        assertThat(WebhookReceiver.verify(List.of(SPEC_SECRET), SPEC_ID, "1614265330", header, tampered, at)).isNotNull();
        assertThat(WebhookReceiver.verify(List.of(SPEC_SECRET), "msg_other", "1614265330", header, SPEC_BODY, at)).isNotNull();
        assertThat(WebhookReceiver.verify(List.of(WebhookSecret.generate().value()), SPEC_ID, "1614265330", header, SPEC_BODY, at))
                .isNotNull();
        assertThat(WebhookReceiver.verify(List.of(SPEC_SECRET), SPEC_ID, "1614265330", header, SPEC_BODY, at.plusSeconds(301)))
                .isEqualTo("the timestamp is outside the tolerance");
        assertThat(WebhookReceiver.verify(List.of(SPEC_SECRET), SPEC_ID, "1614265330", header, SPEC_BODY, at.minusSeconds(301)))
                .isEqualTo("the timestamp is outside the tolerance");
        assertThat(WebhookReceiver.verify(List.of(SPEC_SECRET), SPEC_ID, "1614265330", header, SPEC_BODY, at.plusSeconds(299)))
                .isNull();
        assertThat(WebhookReceiver.verify(List.of(SPEC_SECRET), SPEC_ID, "1614265330", "v2," + header.substring(3), SPEC_BODY, at))
                .isEqualTo("no v1 signature");
    }

    @Test
    void generatedSecretsAreWhsecAndPaddedStandardBase64Of32RandomBytes() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            WebhookSecret s = WebhookSecret.generate();
            assertThat(s.value()).matches("whsec_[A-Za-z0-9+/]{43}=");
            assertThat(Base64.getDecoder().decode(s.value().substring(6))).hasSize(32).isEqualTo(s.key());
            assertThat(seen.add(s.value())).isTrue();
        }
    }

    @Test
    void aSecretIsNeverInToString() {
        WebhookSecret s = WebhookSecret.generate();
        assertThat(s.toString()).doesNotContain(s.value().substring(6, 20)).doesNotContain("whsec_");
        assertThat(List.of(s).toString()).doesNotContain(s.value().substring(6, 20));
    }

    @Test
    void parseRefusesWhatIsNoSecret() {
        assertThatThrownBy(() -> WebhookSecret.parse("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.parse("whsec_not base64!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> WebhookSecret.parse(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(WebhookSecret.parse(SPEC_SECRET).key()).hasSize(24);
    }

    @Test
    void messageIdsAreMsgAnd26AlphanumericCharacters() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            String id = MessageId.generate();
            assertThat(id).matches("msg_[0-9A-Za-z]{26}").doesNotContain(".", ":");
            assertThat(MessageId.isValid(id)).isTrue();
            assertThat(seen.add(id)).isTrue();
        }
        assertThat(MessageId.isValid(SPEC_ID)).isFalse(); // the spec's example has 24 characters
        assertThat(MessageId.isValid("msg_" + "a".repeat(25) + ".")).isFalse();
        assertThat(MessageId.isValid("msg_" + "a".repeat(27))).isFalse();
        assertThat(MessageId.isValid("evt_" + "a".repeat(26))).isFalse();
        assertThat(MessageId.isValid(null)).isFalse();
    }

    @Test
    void onlyThePingIsNotSubscribableAndStarIncludesTheRest() {
        WebhookEvents all = new WebhookEvents(true, List.of());
        for (WebhookEventType t : WebhookEventType.values()) {
            assertThat(all.includes(t)).as(t.wireName()).isEqualTo(t != WebhookEventType.WEBHOOK_PING);
            assertThat(WebhookEventType.fromWire(t.wireName())).contains(t);
        }
        assertThat(WebhookEventType.values()).hasSize(15);
        WebhookEvents some = new WebhookEvents(false, List.of(WebhookEventType.TAGS_ADDED, WebhookEventType.RUN_FAILED));
        assertThat(some.includes(WebhookEventType.TAGS_ADDED)).isTrue();
        assertThat(some.includes(WebhookEventType.TAGS_REMOVED)).isFalse();
        assertThat(WebhookEvents.fromStored(some.stored())).isEqualTo(some);
        assertThat(WebhookEvents.fromStored(all.stored())).isEqualTo(all);
    }
}
