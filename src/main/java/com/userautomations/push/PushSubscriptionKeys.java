package com.userautomations.push;

import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * A subscription's keys (PushSubscription.toJSON().keys): {@code p256dh}, the browser's public
 * P-256 point (65 bytes, uncompressed, on the curve), and {@code auth}, its 16-byte secret.
 */
public record PushSubscriptionKeys(byte[] p256dh, byte[] auth) {
    public static final int AUTH_LENGTH = 16;
    public static final String P256DH_RULE = "must be base64url of a 65-byte uncompressed point on P-256";
    public static final String AUTH_RULE = "must be base64url of 16 bytes";

    public PushSubscriptionKeys {
        if (!P256.isPoint(p256dh)) {
            throw new IllegalArgumentException("p256dh " + P256DH_RULE);
        }
        if (auth == null || auth.length != AUTH_LENGTH) {
            throw new IllegalArgumentException("auth " + AUTH_RULE);
        }
        p256dh = p256dh.clone();
        auth = auth.clone();
    }

    /** From the base64url texts a browser sends (padded or not); an IllegalArgumentException names what is wrong. */
    public static PushSubscriptionKeys of(String p256dh, String auth) {
        byte[] point = Base64Url.decode(p256dh);
        byte[] secret = Base64Url.decode(auth);
        return new PushSubscriptionKeys(point == null ? new byte[0] : point, secret == null ? new byte[0] : secret);
    }

    /** null when the text is a valid p256dh, else what is wrong with it. */
    public static String p256dhRefusal(String text) {
        return P256.isPoint(Base64Url.decode(text)) ? null : P256DH_RULE;
    }

    public static String authRefusal(String text) {
        byte[] secret = Base64Url.decode(text);
        return secret != null && secret.length == AUTH_LENGTH ? null : AUTH_RULE;
    }

    public String p256dhBase64Url() {
        return Base64Url.encode(p256dh);
    }

    public String authBase64Url() {
        return Base64Url.encode(auth);
    }

    ECPublicKey publicKey() {
        return P256.publicKey(p256dh);
    }

    @Override
    public byte[] p256dh() {
        return p256dh.clone();
    }

    @Override
    public byte[] auth() {
        return auth.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PushSubscriptionKeys other && Arrays.equals(p256dh, other.p256dh) && Arrays.equals(auth, other.auth);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(p256dh);
    }

    /** The auth secret stays out of logs. */
    @Override
    public String toString() {
        return "PushSubscriptionKeys[p256dh=" + p256dhBase64Url() + "]";
    }
}
