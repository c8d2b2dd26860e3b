package com.userautomations.push;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PushSubscriptionKeysTest {
    private static final String P256DH = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";

    @Test
    void base64urlWithOrWithoutPaddingAsBrowsersSendIt() {
        PushSubscriptionKeys unpadded = PushSubscriptionKeys.of(P256DH, AUTH);
        PushSubscriptionKeys padded = PushSubscriptionKeys.of(P256DH + "=", AUTH + "==");
        assertThat(padded).isEqualTo(unpadded);
        assertThat(unpadded.p256dhBase64Url()).isEqualTo(P256DH);
        assertThat(unpadded.authBase64Url()).isEqualTo(AUTH);
        assertThat(PushSubscriptionKeys.p256dhRefusal(P256DH + "=")).isNull();
        assertThat(PushSubscriptionKeys.authRefusal(AUTH + "==")).isNull();
        assertThat(unpadded.toString()).doesNotContain(AUTH);
    }

    @Test
    void aPointOffTheCurveOrOfAnotherLengthIsRefused() {
        byte[] point = Base64Url.decode(P256DH);
        point[64] ^= 1; // y no longer matches x
        assertThat(PushSubscriptionKeys.p256dhRefusal(Base64Url.encode(point))).isEqualTo(PushSubscriptionKeys.P256DH_RULE);
        byte[] compressed = new byte[33];
        compressed[0] = 2;
        assertThat(PushSubscriptionKeys.p256dhRefusal(Base64Url.encode(compressed))).isNotNull();
        byte[] zero = new byte[65];
        zero[0] = 4;
        assertThat(PushSubscriptionKeys.p256dhRefusal(Base64Url.encode(zero))).isNotNull();
        // standard base64 is not base64url
        assertThat(PushSubscriptionKeys.p256dhRefusal(P256DH.replace('-', '+').replace('_', '/'))).isNotNull();
        assertThat(PushSubscriptionKeys.p256dhRefusal("")).isNotNull();
        assertThatThrownBy(() -> PushSubscriptionKeys.of(Base64Url.encode(point), AUTH)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void authIsSixteenBytes() {
        assertThat(PushSubscriptionKeys.authRefusal(Base64Url.encode(new byte[15]))).isEqualTo(PushSubscriptionKeys.AUTH_RULE);
        assertThat(PushSubscriptionKeys.authRefusal(Base64Url.encode(new byte[17]))).isEqualTo(PushSubscriptionKeys.AUTH_RULE);
        assertThat(PushSubscriptionKeys.authRefusal("no spaces allowed")).isEqualTo(PushSubscriptionKeys.AUTH_RULE);
        assertThatThrownBy(() -> PushSubscriptionKeys.of(P256DH, "AAAA")).isInstanceOf(IllegalArgumentException.class);
    }
}
