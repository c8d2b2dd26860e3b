package com.userautomations.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/**
 * Reads request bodies ourselves, so malformed JSON is a clear 400 and the parser's message
 * (which quotes internals) never reaches the client. The size limit is checked on the bytes
 * read, whatever the framing (a chunked body has no Content-Length to trust); the bytes must be
 * UTF-8 exactly (an overlong form such as C0 AF is refused, not read as '/'); text must not hold
 * a lone surrogate, which no UTF-8 store keeps. Decimals are read as BigDecimal, so a number is
 * kept as sent or refused ({@link Numbers}), never rounded.
 */
public final class JsonBodies {
    public static final long BODY_LIMIT = 1024 * 1024;
    public static final long BATCH_LIMIT = 10 * 1024 * 1024;

    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .findAndAddModules()
            .build();

    private JsonBodies() {
    }

    /** A body of at most 1 MiB. */
    public static JsonNode parseObject(byte[] body) {
        return parseObject(body, BODY_LIMIT);
    }

    public static JsonNode parseObject(byte[] body, long limit) {
        JsonNode node = parse(body, limit);
        if (!node.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        return node;
    }

    public static JsonNode parse(byte[] body, long limit) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("The request body is empty; send a JSON object");
        }
        refuseOverLimit(body.length, limit);
        String text = utf8(body);
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("The request body is empty; send a JSON object");
            }
            refuseLoneSurrogates(node);
            return node;
        } catch (StreamConstraintsException e) {
            throw ApiException.badRequest("The JSON nests too deeply or holds a value too long to read");
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            if (message.startsWith("Duplicate field")) {
                throw ApiException.badRequest("A key appears twice in one object at line " + line + ", column " + column);
            }
            throw ApiException.badRequest("Malformed JSON at line " + line + ", column " + column);
        }
    }

    public static void refuseOverLimit(long size, long limit) {
        if (size > limit) {
            throw ApiException.tooLarge("The request body is over " + (limit / (1024 * 1024)) + " MiB");
        }
    }

    /** Decodes strictly: malformed, overlong and surrogate-encoding byte sequences are refused. */
    private static String utf8(byte[] body) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("The request body is not valid UTF-8");
        }
    }

    /** "\ud800" is valid JSON but no text: refuse it in values and keys alike. */
    private static void refuseLoneSurrogates(JsonNode root) {
        ArrayDeque<JsonNode> todo = new ArrayDeque<>();
        todo.push(root);
        while (!todo.isEmpty()) {
            JsonNode node = todo.pop();
            if (node.isTextual()) {
                if (TextRules.hasLoneSurrogate(node.textValue())) {
                    throw loneSurrogate();
                }
            } else if (node.isObject()) {
                var names = node.fieldNames();
                while (names.hasNext()) {
                    if (TextRules.hasLoneSurrogate(names.next())) {
                        throw loneSurrogate();
                    }
                }
                node.forEach(todo::push);
            } else if (node.isArray()) {
                node.forEach(todo::push);
            }
        }
    }

    private static ApiException loneSurrogate() {
        return ApiException.badRequest("The body holds a lone UTF-16 surrogate (such as \\ud800), which is no character");
    }

    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
