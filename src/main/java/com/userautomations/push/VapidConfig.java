package com.userautomations.push;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/** VAPID settings (AUTOMATIONS_VAPID_*), all optional: without keys the service makes its own pair. */
@ConfigMapping(prefix = "automations.vapid")
public interface VapidConfig {
    /** AUTOMATIONS_VAPID_PUBLIC_KEY: unpadded base64url of the 65-byte uncompressed P-256 point. */
    Optional<String> publicKey();

    /** AUTOMATIONS_VAPID_PRIVATE_KEY: unpadded base64url of the 32-byte scalar. */
    Optional<String> privateKey();

    /**
     * AUTOMATIONS_VAPID_SUBJECT: how a push service reaches the operator, {@code mailto:} or
     * {@code https:}; otherwise {@code mailto:} and the service's from address.
     */
    Optional<String> subject();
}
