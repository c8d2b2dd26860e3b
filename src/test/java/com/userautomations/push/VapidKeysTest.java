package com.userautomations.push;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VapidKeysTest {
    @Test
    void aGeneratedPairMatchesAndRoundTripsThroughItsText() {
        VapidKeys keys = VapidKeys.generate();
        assertThat(keys.match()).isTrue();
        assertThat(keys.publicKeyBase64Url()).hasSize(87).doesNotContain("=");
        assertThat(keys.privateKeyBase64Url()).hasSize(43).doesNotContain("=");
        assertThat(keys.publicPoint()).hasSize(65).startsWith(4);
        assertThat(keys.privateScalar()).hasSize(32);
        assertThat(VapidKeys.of(keys.publicKeyBase64Url(), keys.privateKeyBase64Url())).isEqualTo(keys);
        assertThat(keys.toString()).doesNotContain(keys.privateKeyBase64Url());
    }

    @Test
    void aMismatchedOrMalformedPairIsRefusedInPlainWords() {
        VapidKeys a = VapidKeys.generate();
        VapidKeys b = VapidKeys.generate();
        assertThat(new VapidKeys(a.publicPoint(), b.privateScalar()).match()).isFalse();
        assertThatThrownBy(() -> VapidKeys.of(a.publicKeyBase64Url(), b.privateKeyBase64Url()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("The VAPID public key is not the one of the VAPID private key");
        assertThatThrownBy(() -> VapidKeys.of("not+base64url", a.privateKeyBase64Url()))
                .hasMessage("The VAPID public key is not base64url");
        assertThatThrownBy(() -> VapidKeys.of(a.publicKeyBase64Url().substring(4), a.privateKeyBase64Url()))
                .hasMessage("The VAPID public key is not a 65-byte uncompressed point on P-256");
        assertThatThrownBy(() -> VapidKeys.of(a.publicKeyBase64Url(), Base64Url.encode(new byte[32])))
                .hasMessage("The VAPID private key is not a 32-byte P-256 private key");
    }

    @Test
    void theKeysAndSubjectAreReadFromTheEnvironmentVariablesApiMdNames() {
        io.smallrye.config.SmallRyeConfig config = new io.smallrye.config.SmallRyeConfigBuilder()
                .withMapping(VapidConfig.class)
                .withSources(new io.smallrye.config.EnvConfigSource(java.util.Map.of(
                        "AUTOMATIONS_VAPID_PUBLIC_KEY", "pub", "AUTOMATIONS_VAPID_PRIVATE_KEY", "priv",
                        "AUTOMATIONS_VAPID_SUBJECT", "mailto:ops@school.test"), 300))
                .build();
        VapidConfig vapid = config.getConfigMapping(VapidConfig.class);
        assertThat(vapid.publicKey()).contains("pub");
        assertThat(vapid.privateKey()).contains("priv");
        assertThat(vapid.subject()).contains("mailto:ops@school.test");
    }

    @Test
    void configuredKeysAreBothOrNoneAndMustMatchElseStartUpStops() {
        VapidKeys a = VapidKeys.generate();
        VapidKeys b = VapidKeys.generate();
        assertThat(VapidKeyStore.configured(Optional.empty(), Optional.empty())).isEmpty();
        assertThat(VapidKeyStore.configured(Optional.of(" "), Optional.empty())).isEmpty();
        assertThat(VapidKeyStore.configured(Optional.of(a.publicKeyBase64Url()), Optional.of(a.privateKeyBase64Url())))
                .contains(a);
        assertThatThrownBy(() -> VapidKeyStore.configured(Optional.of(a.publicKeyBase64Url()), Optional.empty()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Set both AUTOMATIONS_VAPID_PUBLIC_KEY and AUTOMATIONS_VAPID_PRIVATE_KEY");
        assertThatThrownBy(() -> VapidKeyStore.configured(Optional.of(a.publicKeyBase64Url()), Optional.of(b.privateKeyBase64Url())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("The VAPID public key is not the one of the VAPID private key");

        // the start-up observer reads the configured pair first, so a bad one stops start-up
        VapidKeyStore store = new VapidKeyStore(null, new VapidConfig() {
            @Override
            public Optional<String> publicKey() {
                return Optional.of(a.publicKeyBase64Url());
            }

            @Override
            public Optional<String> privateKey() {
                return Optional.of(b.privateKeyBase64Url());
            }

            @Override
            public Optional<String> subject() {
                return Optional.empty();
            }
        });
        assertThatThrownBy(() -> store.onStart(null)).isInstanceOf(IllegalStateException.class);
    }
}
