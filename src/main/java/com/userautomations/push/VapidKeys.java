package com.userautomations.push;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Arrays;

/**
 * The service's VAPID key pair (RFC 8292): the public key as the 65-byte uncompressed P-256
 * point browsers pass to {@code pushManager.subscribe}, the private key as the 32-byte scalar.
 * Used only to sign the VAPID JWT, never to encrypt a message.
 */
public record VapidKeys(byte[] publicPoint, byte[] privateScalar) {
    public VapidKeys {
        if (!P256.isPoint(publicPoint)) {
            throw new IllegalArgumentException("The VAPID public key is not a 65-byte uncompressed point on P-256");
        }
        if (!P256.isScalar(privateScalar)) {
            throw new IllegalArgumentException("The VAPID private key is not a 32-byte P-256 private key");
        }
        publicPoint = publicPoint.clone();
        privateScalar = privateScalar.clone();
    }

    public static VapidKeys generate() {
        KeyPair pair = P256.generate();
        return new VapidKeys(P256.point((ECPublicKey) pair.getPublic()), P256.scalar((ECPrivateKey) pair.getPrivate()));
    }

    /**
     * The pair from its unpadded base64url forms (as configured or stored).
     *
     * @throws IllegalArgumentException with a plain sentence when either is malformed or they do not match
     */
    public static VapidKeys of(String publicKey, String privateKey) {
        byte[] point = Base64Url.decode(publicKey);
        byte[] scalar = Base64Url.decode(privateKey);
        if (point == null) {
            throw new IllegalArgumentException("The VAPID public key is not base64url");
        }
        if (scalar == null) {
            throw new IllegalArgumentException("The VAPID private key is not base64url");
        }
        VapidKeys keys = new VapidKeys(point, scalar);
        if (!keys.match()) {
            throw new IllegalArgumentException("The VAPID public key is not the one of the VAPID private key");
        }
        return keys;
    }

    /** Whether the public key belongs to the private one: a signature made with one verifies with the other. */
    public boolean match() {
        try {
            byte[] probe = "vapid key pair check".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(privateKey());
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Unpadded base64url of the point: the {@code k} of the Authorization header and the API's publicKey. */
    public String publicKeyBase64Url() {
        return Base64Url.encode(publicPoint);
    }

    public String privateKeyBase64Url() {
        return Base64Url.encode(privateScalar);
    }

    public ECPublicKey publicKey() {
        return P256.publicKey(publicPoint);
    }

    public ECPrivateKey privateKey() {
        return P256.privateKey(privateScalar);
    }

    @Override
    public byte[] publicPoint() {
        return publicPoint.clone();
    }

    @Override
    public byte[] privateScalar() {
        return privateScalar.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VapidKeys other && Arrays.equals(publicPoint, other.publicPoint)
                && Arrays.equals(privateScalar, other.privateScalar);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(publicPoint);
    }

    /** Never the private key: records print their components, and this one may reach a log. */
    @Override
    public String toString() {
        return "VapidKeys[public=" + publicKeyBase64Url() + "]";
    }
}
