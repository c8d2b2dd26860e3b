package com.userautomations.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Message encryption for web push (RFC 8291) in the aes128gcm content coding (RFC 8188), composed
 * of the JDK's ECDH, HMAC-SHA-256 (HKDF) and AES-GCM. Each message gets a fresh P-256 key pair and
 * a random salt; the body is one record: salt (16) || rs (4, 4096) || idlen (1, 65) || keyid (the
 * ephemeral public point) || AES-GCM(plaintext || 0x02).
 */
public final class PushEncryption {
    public static final int RECORD_SIZE = 4096;
    /** 4,096 minus the header (86), the GCM tag (16) and the padding delimiter (1). */
    public static final int MAX_PLAINTEXT = RECORD_SIZE - 86 - 16 - 1;
    static final int SALT_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);

    /**
     * The request body for {@code plaintext} to the subscription {@code to}.
     *
     * @throws PushPayloadTooLarge over {@link #MAX_PLAINTEXT} bytes
     */
    public byte[] encrypt(byte[] plaintext, PushSubscriptionKeys to) {
        byte[] salt = new byte[SALT_LENGTH];
        RANDOM.nextBytes(salt);
        return encrypt(plaintext, to, P256.generate(), salt);
    }

    /** With the ephemeral key and salt given, so that RFC 8291's example can be reproduced to the byte. */
    byte[] encrypt(byte[] plaintext, PushSubscriptionKeys to, KeyPair ephemeral, byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new PushPayloadTooLarge(plaintext.length);
        }
        if (salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("the salt must be 16 bytes");
        }
        byte[] uaPublic = to.p256dh();
        byte[] asPublic = P256.point((ECPublicKey) ephemeral.getPublic());
        byte[] ecdhSecret = P256.agree((ECPrivateKey) ephemeral.getPrivate(), to.publicKey());

        // RFC 8291 section 3.4: the auth secret and both public keys go into the input keying material
        byte[] prkKey = hmac(to.auth(), ecdhSecret);
        byte[] ikm = hmac(prkKey, concat(KEY_INFO, uaPublic, asPublic, new byte[] {1}));
        // RFC 8188 section 2.2-2.3: the content encryption key and nonce from the salt
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, concat(CEK_INFO, new byte[] {1})), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, concat(NONCE_INFO, new byte[] {1})), 12);

        byte[] record = Arrays.copyOf(plaintext, plaintext.length + 1);
        record[plaintext.length] = 0x02; // the last (and only) record's delimiter, no padding after it
        byte[] sealed;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            sealed = cipher.doFinal(record);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
        return ByteBuffer.allocate(SALT_LENGTH + 4 + 1 + asPublic.length + sealed.length)
                .put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic).put(sealed)
                .array();
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }
}
