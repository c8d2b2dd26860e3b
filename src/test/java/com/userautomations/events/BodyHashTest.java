package com.userautomations.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.common.JsonBodies;
import org.junit.jupiter.api.Test;

/**
 * Stored events keep their body hash, and a repeat is told from a conflict by it: the hashes
 * below were computed by the hand-sorting implementation and must never change.
 */
class BodyHashTest {
    private static final String TAGS = "{\"id\": \"e1\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"b\", \"a\"]}";
    private static final String TAGS_REORDERED = "{\"userId\": \"u1\", \"tags\": [\"b\", \"a\"], \"type\": \"tags.added\", \"id\": \"e1\"}";

    private static String hash(String json) throws Exception {
        JsonNode body = JsonBodies.MAPPER.readTree(json);
        return BodyHash.of(body);
    }

    @Test
    void knownBodiesGiveTheirKnownHashes() throws Exception {
        assertThat(hash(TAGS)).isEqualTo("dd48f85dd9ace1e8625e56b83e6509e84c0589b3314f1d1e6be3cad3f55e1bb6");
        assertThat(hash("{\"id\":\"e2\",\"type\":\"form.submitted\",\"userId\":\"u2\",\"formId\":\"f\","
                + "\"fields\":{\"z\":\"1\",\"a\":\"\u00e9\u2603\",\"M\":null},\"occurredAt\":\"2026-01-01T00:00:00Z\"}"))
                .isEqualTo("dc433d78a6af8e928083a61ad93df1def8070743428340184b0f108939fc4200");
        assertThat(hash("{\"id\":\"e3\",\"type\":\"user.signed_up\",\"userId\":\"u3\",\"n\":1.50,\"m\":10,"
                + "\"big\":12345678901234567890,\"list\":[{\"b\":1,\"a\":2},[3,{\"d\":true,\"c\":false}]],\"_\":\"x\",\"A\":\"y\"}"))
                .isEqualTo("db1fc22ba3c2780ed0069136b6734b671cb466696360a8e4f2cb2a7a071d24bd");
    }

    @Test
    void keyOrderAndWhitespaceDoNotCountButValuesAndArrayOrderDo() throws Exception {
        assertThat(hash(TAGS_REORDERED)).isEqualTo(hash(TAGS));
        assertThat(hash(TAGS.replace("\"u1\"", "\"u2\""))).isNotEqualTo(hash(TAGS));
        assertThat(hash(TAGS.replace("[\"b\", \"a\"]", "[\"a\", \"b\"]"))).isNotEqualTo(hash(TAGS));
    }
}
