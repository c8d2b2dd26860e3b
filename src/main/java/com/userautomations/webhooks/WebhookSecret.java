package com.userautomations.webhooks;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * An endpoint's signing secret: {@code whsec_} and the padded standard base64 (RFC 4648 §4) of
 * the key. The text is what the school is shown once and what the table keeps; it never appears
 * in {@link #toString()}, so a secret logged by accident shows nothing.
 */
public record WebhookSecret(String value) {
    public static final String PREFIX = "whsec_";
    private static final int KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    public WebhookSecret {
        if (value == null || !value.startsWith(PREFIX) || decode(value).length == 0) {
            throw new IllegalArgumentException("not a webhook secret");
        }
    }

    /** A new secret of 32 random bytes. */
    public static WebhookSecret generate() {
        byte[] key = new byte[KEY_BYTES];
        RANDOM.nextBytes(key);
        return new WebhookSecret(PREFIX + Base64.getEncoder().encodeToString(key));
    }

    /** A stored (or, in tests, published) secret; refuses text that is not one. */
    public static WebhookSecret parse(String stored) {
        return new WebhookSecret(stored);
    }

    /** The HMAC key: the decoded bytes after the prefix (a fresh copy each time). */
    public byte[] key() {
        return decode(value);
    }

    private static byte[] decode(String value) {
        try {
            return Base64.getDecoder().decode(value.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    @Override
    public String toString() {
        return "WebhookSecret[hidden]";
    }
}
