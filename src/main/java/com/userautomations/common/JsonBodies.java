package com.userautomations.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;

/**
 * Reads request bodies ourselves, so malformed JSON is a clear 400 and the parser's
 * message (which quotes internals) never reaches the client.
 */
public final class JsonBodies {
    public static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .findAndAddModules()
            .build();

    private JsonBodies() {
    }

    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("The request body is empty; send a JSON object");
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || node.isMissingNode()) {
                throw ApiException.badRequest("The request body is empty; send a JSON object");
            }
            refuseNul(node);
            return node;
        } catch (JsonProcessingException e) {
            long line = e.getLocation() == null ? -1 : e.getLocation().getLineNr();
            long column = e.getLocation() == null ? -1 : e.getLocation().getColumnNr();
            throw ApiException.badRequest("Malformed JSON at line " + line + ", column " + column);
        } catch (IOException e) {
            throw ApiException.badRequest("The request body could not be read");
        }
    }

    /**
     * NUL cannot be stored in a PostgreSQL text column and is never meaningful in our data: refuse
     * it anywhere in a body, naming where. Iterative, so no nesting depth can overflow the stack.
     */
    private static void refuseNul(JsonNode root) {
        java.util.ArrayDeque<java.util.Map.Entry<String, JsonNode>> todo = new java.util.ArrayDeque<>();
        todo.push(java.util.Map.entry("", root));
        while (!todo.isEmpty()) {
            var item = todo.pop();
            String path = item.getKey();
            JsonNode node = item.getValue();
            if (node.isTextual() && node.textValue().indexOf('\0') >= 0) {
                throw ApiException.invalid(path.isEmpty() ? "body" : path, "must not contain the NUL character");
            }
            if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    todo.push(java.util.Map.entry(path + "[" + i + "]", node.get(i)));
                }
            } else if (node.isObject()) {
                var fields = node.fields();
                while (fields.hasNext()) {
                    var f = fields.next();
                    String key = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
                    if (f.getKey().indexOf('\0') >= 0) {
                        throw ApiException.invalid(path.isEmpty() ? "body" : path, "field names must not contain the NUL character");
                    }
                    todo.push(java.util.Map.entry(key, f.getValue()));
                }
            }
        }
    }

    public static JsonNode parseObject(byte[] body) {
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw ApiException.badRequest("The request body must be a JSON object");
        }
        return node;
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
