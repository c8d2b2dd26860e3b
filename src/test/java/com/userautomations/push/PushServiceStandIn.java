package com.userautomations.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A push service on 127.0.0.1 for tests, playing both ends a browser trusts: it makes
 * subscriptions as a browser does (a P-256 key pair and an auth secret per subscription) and, for
 * each {@code POST /push/<name>}, checks the VAPID Authorization (the JWT's ES256 signature with
 * {@code k}, {@code aud} its own origin, {@code exp} at most 12 h ahead, {@code sub} present) and
 * decrypts the aes128gcm body with the subscription's private key and auth secret. Its crypto is
 * written here from RFC 8291, 8188 and 7515, apart from the service's, so that a mistake shared by
 * both cannot pass. Answers are scripted: 201 by default, or 404, 410, 429 with Retry-After, 500,
 * or no answer at all (hang, until {@link #close}, at most 30 s).
 */
public final class PushServiceStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration MAX_HANG = Duration.ofSeconds(30);
    /** DER of SubjectPublicKeyInfo for an uncompressed P-256 point, up to the point itself. */
    private static final byte[] P256_SPKI_PREFIX = HexFormat.of().parseHex(
            "3059301306072a8648ce3d020106082a8648ce3d030107034200");

    /** A browser's subscription: what PushSubscription.toJSON() gives, and the private half it keeps. */
    public record BrowserSubscription(String endpoint, String p256dh, String auth, KeyPair keys, byte[] authSecret,
            String applicationServerKey) {
        /** The body of {@code PUT .../push-subscriptions/{id}}. */
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("endpoint", endpoint);
            json.put("expirationTime", null);
            json.put("keys", Map.of("p256dh", p256dh, "auth", auth));
            return json;
        }
    }

    /** One POST as received: {@code plaintext} when it was authorized and decrypted, else {@code problem} says why not. */
    public record Received(String path, Map<String, String> headers, byte[] plaintext, String problem, int answered) {
        public String text() {
            return plaintext == null ? null : new String(plaintext, StandardCharsets.UTF_8);
        }
    }

    /** A scripted answer: a status (with Retry-After seconds when not null), or a hang. */
    public record Answer(int status, Integer retryAfterSeconds, boolean hang) {
        public static Answer status(int status) {
            return new Answer(status, null, false);
        }

        public static Answer tooManyRequests(int retryAfterSeconds) {
            return new Answer(429, retryAfterSeconds, false);
        }

        public static Answer hangs() {
            return new Answer(0, null, true);
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Map<String, BrowserSubscription> subscriptions = new ConcurrentHashMap<>();
    private final Deque<Answer> script = new ArrayDeque<>();
    private final List<Received> received = new ArrayList<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final SecureRandom random = new SecureRandom();

    private PushServiceStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.setExecutor(threads);
        server.createContext("/push/", this::handle);
        server.start();
    }

    public static PushServiceStandIn start() {
        try {
            return new PushServiceStandIn();
        } catch (IOException e) {
            throw new IllegalStateException("cannot listen on 127.0.0.1", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}: the audience its JWTs must name. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** A new subscription, as {@code pushManager.subscribe({applicationServerKey})} would give (the key may be null: not checked). */
    public BrowserSubscription subscribe(String applicationServerKey) {
        return subscribe(origin(), applicationServerKey);
    }

    /**
     * A subscription whose endpoint is on another origin (such as {@code https://push.example.net},
     * which the API's URL rule accepts); its pushes can still be decrypted with {@link #decrypt}.
     */
    public BrowserSubscription subscribe(String endpointOrigin, String applicationServerKey) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] auth = new byte[16];
            random.nextBytes(auth);
            String name = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
            BrowserSubscription s = new BrowserSubscription(endpointOrigin + "/push/" + name,
                    b64(rawPoint((ECPublicKey) keys.getPublic())), b64(auth), keys, auth, applicationServerKey);
            subscriptions.put("/push/" + name, s);
            return s;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answers of the next POSTs, in order; then 201 again. */
    public synchronized void script(Answer... answers) {
        script.addAll(Arrays.asList(answers));
    }

    public synchronized List<Received> received() {
        return List.copyOf(received);
    }

    /** Waits (bounded) until {@code count} POSTs have arrived; false if they did not in time. */
    public boolean await(int count, Duration within) throws InterruptedException {
        long end = System.nanoTime() + within.toNanos();
        synchronized (this) {
            while (received.size() < count) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return true;
        }
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = readAtMost(exchange.getRequestBody(), 8192);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            String path = exchange.getRequestURI().getPath();
            BrowserSubscription to = subscriptions.get(path);
            String problem = !"POST".equals(exchange.getRequestMethod()) ? "not a POST"
                    : to == null ? "no such subscription"
                    : checkHeaders(headers, to);
            // refusals as a push service answers them: 404 unknown, 403 another key, 401 bad token, 400 bad body
            int refusal = to == null ? 404 : problem == null ? 0 : problem.startsWith("k is not") ? 403 : 401;
            byte[] plaintext = null;
            if (problem == null) {
                try {
                    plaintext = decrypt(body, to);
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    problem = "cannot decrypt: " + e.getMessage();
                    refusal = 400;
                }
            }
            Answer answer = problem != null ? Answer.status(refusal) : next();
            synchronized (this) {
                received.add(new Received(path, headers, plaintext, problem, answer.hang() ? 0 : answer.status()));
                notifyAll();
            }
            if (answer.hang()) {
                closing.await(MAX_HANG.toMillis(), TimeUnit.MILLISECONDS);
                return;
            }
            if (answer.retryAfterSeconds() != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfterSeconds().toString());
            }
            exchange.sendResponseHeaders(answer.status(), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized Answer next() {
        Answer a = script.poll();
        return a == null ? Answer.status(201) : a;
    }

    /** null when the push's headers are what RFC 8030 and 8292 ask for, else what is wrong. */
    private String checkHeaders(Map<String, String> headers, BrowserSubscription to) {
        if (!"aes128gcm".equals(headers.get("content-encoding"))) {
            return "Content-Encoding is not aes128gcm";
        }
        if (headers.get("ttl") == null || !headers.get("ttl").matches("[0-9]+")) {
            return "no TTL";
        }
        String authorization = headers.get("authorization");
        if (authorization == null || !authorization.startsWith("vapid ")) {
            return "no vapid Authorization";
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String part : authorization.substring(6).split(",")) {
            String[] kv = part.strip().split("=", 2);
            if (kv.length == 2) {
                params.put(kv[0], kv[1]);
            }
        }
        String t = params.get("t");
        String k = params.get("k");
        if (t == null || k == null) {
            return "Authorization lacks t or k";
        }
        if (to.applicationServerKey() != null && !to.applicationServerKey().equals(k)) {
            return "k is not the key the subscription was made with";
        }
        return checkJwt(t, k);
    }

    private String checkJwt(String jwt, String k) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return "the JWT does not have three parts";
        }
        try {
            JsonNode header = JSON.readTree(unb64(parts[0]));
            if (!"ES256".equals(header.path("alg").asText())) {
                return "the JWT is not ES256";
            }
            byte[] signature = unb64(parts[2]);
            if (signature.length != 64) {
                return "the signature is not 64 bytes (JOSE form)";
            }
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(publicKey(unb64(k)));
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!verifier.verify(joseToDer(signature))) {
                return "the JWT's signature does not verify with k";
            }
            JsonNode claims = JSON.readTree(unb64(parts[1]));
            if (!origin().equals(claims.path("aud").asText(null))) {
                return "aud is not " + origin();
            }
            long exp = claims.path("exp").asLong(0);
            long now = Instant.now().getEpochSecond();
            if (exp <= now || exp > now + Duration.ofHours(12).toSeconds()) {
                return "exp is not within the next 12 hours";
            }
            String sub = claims.path("sub").asText("");
            if (!sub.startsWith("mailto:") && !sub.startsWith("https:")) {
                return "sub is not a mailto: or https: URI";
            }
            return null;
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return "unreadable JWT: " + e.getMessage();
        }
    }

    /** RFC 8291 section 3 and RFC 8188 section 2, read from the receiving end. */
    public static byte[] decrypt(byte[] body, BrowserSubscription to) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        if (body.length < 21) {
            throw new IllegalArgumentException("too short for the aes128gcm header");
        }
        byte[] salt = new byte[16];
        in.get(salt);
        int rs = in.getInt();
        int idlen = in.get() & 0xff;
        if (idlen != 65 || body.length < 21 + idlen) {
            throw new IllegalArgumentException("keyid is not a 65-byte point");
        }
        byte[] senderPoint = new byte[idlen];
        in.get(senderPoint);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        if (ciphertext.length > rs) {
            throw new IllegalArgumentException("more than one record");
        }
        KeyAgreement agreement = KeyAgreement.getInstance("ECDH");
        agreement.init(to.keys().getPrivate());
        agreement.doPhase(publicKey(senderPoint), true);
        byte[] shared = agreement.generateSecret();
        byte[] receiverPoint = unb64(to.p256dh());

        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), receiverPoint, senderPoint);
        byte[] ikm = hkdf(to.authSecret(), shared, keyInfo, 32);
        byte[] cek = hkdf(salt, ikm, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = hkdf(salt, ikm, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = cipher.doFinal(ciphertext);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) {
            end--;
        }
        if (end < 0 || padded[end] != 0x02) {
            throw new IllegalArgumentException("the record does not end with the last record's delimiter 0x02");
        }
        return Arrays.copyOf(padded, end);
    }

    /** HKDF-SHA-256 (RFC 5869): extract, then expand to {@code length} bytes. */
    static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        Mac extract = Mac.getInstance("HmacSHA256");
        extract.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = extract.doFinal(ikm);
        Mac expand = Mac.getInstance("HmacSHA256");
        expand.init(new SecretKeySpec(prk, "HmacSHA256"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] t = new byte[0];
        for (int i = 1; out.size() < length; i++) {
            expand.update(t);
            expand.update(info);
            expand.update((byte) i);
            t = expand.doFinal();
            out.writeBytes(t);
        }
        return Arrays.copyOf(out.toByteArray(), length);
    }

    /** JWS's r || s (RFC 7515 appendix A.3) as the JDK's DER SEQUENCE of two INTEGERs. */
    static byte[] joseToDer(byte[] jose) {
        byte[] r = derInteger(Arrays.copyOfRange(jose, 0, 32));
        byte[] s = derInteger(Arrays.copyOfRange(jose, 32, 64));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x30);
        out.write(r.length + s.length);
        out.writeBytes(r);
        out.writeBytes(s);
        return out.toByteArray();
    }

    private static byte[] derInteger(byte[] unsigned) {
        byte[] minimal = new BigInteger(1, unsigned).toByteArray(); // two's complement: a leading 0 when the top bit is set
        byte[] out = new byte[minimal.length + 2];
        out[0] = 0x02;
        out[1] = (byte) minimal.length;
        System.arraycopy(minimal, 0, out, 2, minimal.length);
        return out;
    }

    static PublicKey publicKey(byte[] point) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(concat(P256_SPKI_PREFIX, point)));
    }

    /** The uncompressed point, from the key's X.509 encoding (its last 65 bytes). */
    static byte[] rawPoint(ECPublicKey key) {
        byte[] spki = key.getEncoded();
        return Arrays.copyOfRange(spki, spki.length - 65, spki.length);
    }

    private static byte[] readAtMost(InputStream in, int max) throws IOException {
        byte[] bytes = in.readNBytes(max + 1);
        if (bytes.length > max) {
            throw new IOException("body over " + max + " bytes");
        }
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] unb64(String text) {
        return Base64.getUrlDecoder().decode(text);
    }

    static Optional<String> header(Received r, String name) {
        return Optional.ofNullable(r.headers().get(name.toLowerCase(java.util.Locale.ROOT)));
    }
}
