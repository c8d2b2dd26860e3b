package com.userautomations.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.List;
import java.util.StringJoiner;

/**
 * The Standard Webhooks signature: HMAC-SHA256 over {@code {id}.{timestamp}.{body}} with each
 * valid secret's key, as {@code v1,<base64>} entries separated by spaces. Signing with every
 * valid secret lets a receiver that already has the new secret, or still only the old one,
 * verify during a rotation.
 */
public final class WebhookSignature {
    public static final String ID_HEADER = "webhook-id";
    public static final String TIMESTAMP_HEADER = "webhook-timestamp";
    public static final String SIGNATURE_HEADER = "webhook-signature";
    private static final String HMAC = "HmacSHA256";

    private WebhookSignature() {
    }

    /** The {@code webhook-signature} value: one entry per secret, in the order given (newest first). */
    public static String sign(List<WebhookSecret> secrets, String msgId, long timestampSeconds, byte[] body) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("nothing to sign with");
        }
        byte[] prefix = (msgId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8);
        StringJoiner header = new StringJoiner(" ");
        for (WebhookSecret secret : secrets) {
            header.add("v1," + Base64.getEncoder().encodeToString(hmac(secret.key(), prefix, body)));
        }
        return header.toString();
    }

    private static byte[] hmac(byte[] key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is part of every JDK", e);
        }
    }
}
