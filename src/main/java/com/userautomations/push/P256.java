package com.userautomations.push;

import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.KeyAgreement;

/**
 * The NIST P-256 curve with the JDK's provider, in the raw forms web push uses: a public key is
 * the 65-byte uncompressed point (0x04 || x || y), a private key the 32-byte scalar. A point is
 * checked to lie on the curve here, before any key agreement, whatever the provider checks.
 */
final class P256 {
    static final int POINT_LENGTH = 65;
    static final int SCALAR_LENGTH = 32;
    static final ECParameterSpec CURVE = curve();
    private static final BigInteger P = ((ECFieldFp) CURVE.getCurve().getField()).getP();

    private P256() {
    }

    private static ECParameterSpec curve() {
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            return parameters.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256 curve", e);
        }
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a P-256 key pair", e);
        }
    }

    /** Whether the bytes are an uncompressed point on P-256 (not the point at infinity). */
    static boolean isPoint(byte[] point) {
        if (point == null || point.length != POINT_LENGTH || point[0] != 0x04) {
            return false;
        }
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(point, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(point, 33, 65));
        if (x.compareTo(P) >= 0 || y.compareTo(P) >= 0) {
            return false;
        }
        BigInteger a = CURVE.getCurve().getA();
        BigInteger b = CURVE.getCurve().getB();
        BigInteger left = y.multiply(y).mod(P);
        BigInteger right = x.pow(3).add(a.multiply(x)).add(b).mod(P);
        return left.equals(right);
    }

    static boolean isScalar(byte[] scalar) {
        if (scalar == null || scalar.length != SCALAR_LENGTH) {
            return false;
        }
        BigInteger s = new BigInteger(1, scalar);
        return s.signum() > 0 && s.compareTo(CURVE.getOrder()) < 0;
    }

    static ECPublicKey publicKey(byte[] point) {
        if (!isPoint(point)) {
            throw new IllegalArgumentException("not a point on P-256");
        }
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(point, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(point, 33, 65)));
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, CURVE));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a point on P-256", e);
        }
    }

    static ECPrivateKey privateKey(byte[] scalar) {
        if (!isScalar(scalar)) {
            throw new IllegalArgumentException("not a P-256 private key");
        }
        try {
            return (ECPrivateKey) KeyFactory.getInstance("EC")
                    .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), CURVE));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a P-256 private key", e);
        }
    }

    static byte[] point(ECPublicKey key) {
        byte[] out = new byte[POINT_LENGTH];
        out[0] = 0x04;
        unsigned(key.getW().getAffineX(), out, 1);
        unsigned(key.getW().getAffineY(), out, 33);
        return out;
    }

    static byte[] scalar(ECPrivateKey key) {
        byte[] out = new byte[SCALAR_LENGTH];
        unsigned(key.getS(), out, 0);
        return out;
    }

    /** The shared secret of ECDH: the x coordinate of the product, 32 bytes. */
    static byte[] agree(ECPrivateKey own, ECPublicKey other) {
        try {
            KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
            agreement.init(own);
            agreement.doPhase(other, true);
            return agreement.generateSecret();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("key agreement failed", e);
        }
    }

    /** A 32-byte big-endian field element, left-padded (BigInteger may add or drop a leading byte). */
    private static void unsigned(BigInteger value, byte[] out, int offset) {
        byte[] bytes = value.toByteArray();
        int start = bytes.length > 32 ? bytes.length - 32 : 0;
        int length = bytes.length - start;
        System.arraycopy(bytes, start, out, offset + 32 - length, length);
    }
}
