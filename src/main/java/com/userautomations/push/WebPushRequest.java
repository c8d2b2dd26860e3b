package com.userautomations.push;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One push as an HTTP request (RFC 8030 section 5): {@code POST endpoint} with these headers and
 * the encrypted body. Made here, sent by the outbound package's guarded client.
 */
public record WebPushRequest(String endpoint, Map<String, String> headers, byte[] body) {
    private static final PushEncryption ENCRYPTION = new PushEncryption();

    public WebPushRequest {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /**
     * The request for {@code message} to {@code to}: TTL (whole seconds), Content-Encoding
     * aes128gcm, Content-Type application/octet-stream, Authorization (VAPID, for the endpoint's
     * origin, expiring {@link VapidAuthorization#LIFETIME} after {@code now}); a fresh key per call.
     *
     * @throws PushPayloadTooLarge when the payload does not fit one push
     */
    public static WebPushRequest of(PushSubscription to, PushMessage message, Duration ttl, VapidKeys keys,
            String subject, Instant now) {
        byte[] body = ENCRYPTION.encrypt(message.payload(), to.keys());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("TTL", Long.toString(Math.max(0, ttl.toSeconds())));
        headers.put("Content-Encoding", "aes128gcm");
        headers.put("Content-Type", "application/octet-stream");
        headers.put("Authorization", VapidAuthorization.header(keys, subject, to.endpoint(), now));
        return new WebPushRequest(to.endpoint(), headers, body);
    }
}
