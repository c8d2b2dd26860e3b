package com.userautomations.push;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushEncryptionTest {
    // RFC 8291 appendix A (published test data)
    private static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    private static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    private static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    private static final String BODY = "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    private final PushEncryption encryption = new PushEncryption();

    @Test
    void reproducesRfc8291AppendixAToTheByte() {
        KeyPair ephemeral = new KeyPair(P256.publicKey(Base64Url.decode(AS_PUBLIC)), P256.privateKey(Base64Url.decode(AS_PRIVATE)));
        byte[] body = encryption.encrypt(PLAINTEXT.getBytes(StandardCharsets.US_ASCII), PushSubscriptionKeys.of(UA_PUBLIC, AUTH),
                ephemeral, Base64Url.decode(SALT));
        assertThat(Base64Url.encode(body)).isEqualTo(BODY);
    }

    @Test
    void theStandInsDecryptionReadsWhatIsEncrypted() throws Exception {
        try (PushServiceStandIn service = PushServiceStandIn.start()) {
            PushServiceStandIn.BrowserSubscription browser = service.subscribe(null);
            byte[] message = "{\"title\":\"Hi\",\"body\":\"ünïcode ✓\"}".getBytes(StandardCharsets.UTF_8);
            byte[] body = encryption.encrypt(message, PushSubscriptionKeys.of(browser.p256dh(), browser.auth()));
            assertThat(PushServiceStandIn.decrypt(body, browser)).isEqualTo(message);

            byte[] tampered = body.clone();
            tampered[tampered.length - 1] ^= 1;
            assertThatThrownBy(() -> PushServiceStandIn.decrypt(tampered, browser))
                    .isInstanceOf(java.security.GeneralSecurityException.class);
        }
    }

    @Test
    void eachMessageHasItsOwnKeyAndSaltAndOneRecordOf4096() {
        KeyPair ua = P256.generate();
        PushSubscriptionKeys to = new PushSubscriptionKeys(P256.point((ECPublicKey) ua.getPublic()), new byte[16]);
        byte[] first = encryption.encrypt(new byte[10], to);
        byte[] second = encryption.encrypt(new byte[10], to);
        assertThat(Arrays.copyOfRange(first, 0, 16)).isNotEqualTo(Arrays.copyOfRange(second, 0, 16));
        assertThat(Arrays.copyOfRange(first, 21, 86)).isNotEqualTo(Arrays.copyOfRange(second, 21, 86));
        assertThat(P256.isPoint(Arrays.copyOfRange(first, 21, 86))).isTrue();
        assertThat(Arrays.copyOfRange(first, 16, 21)).containsExactly(0, 0, 0x10, 0, 65);
        assertThat(first).hasSize(86 + 10 + 1 + 16);
        assertThat(P256.scalar((ECPrivateKey) ua.getPrivate())).hasSize(32);
    }

    @Test
    void atMost3993BytesWhichMakeExactlyOne4096ByteBody() {
        KeyPair ua = P256.generate();
        PushSubscriptionKeys to = new PushSubscriptionKeys(P256.point((ECPublicKey) ua.getPublic()), new byte[16]);
        assertThat(encryption.encrypt(new byte[3993], to)).hasSize(4096);
        assertThatThrownBy(() -> encryption.encrypt(new byte[3994], to))
                .isInstanceOf(PushPayloadTooLarge.class)
                .hasMessage("The push payload is 3994 bytes; at most 3993 fit in one push");
    }
}
