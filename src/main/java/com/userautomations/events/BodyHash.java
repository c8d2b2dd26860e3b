package com.userautomations.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.userautomations.common.JsonBodies;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The idempotency fingerprint of an event body: SHA-256 of its JSON with object keys sorted (at
 * every depth; arrays keep their order), so the same event re-sent with other whitespace or key
 * order counts as the same body. Stored with the event: the text hashed must never change.
 */
final class BodyHash {
    private static final ObjectWriter CANONICAL = JsonBodies.MAPPER.writer().with(JsonNodeFeature.WRITE_PROPERTIES_SORTED);

    private BodyHash() {
    }

    static String of(JsonNode body) {
        try {
            byte[] canonical = CANONICAL.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
