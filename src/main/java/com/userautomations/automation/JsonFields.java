package com.userautomations.automation;

import com.userautomations.common.Timestamps;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Reads typed fields out of JSON objects, recording a {@link FieldError} at the JSON path of every problem. */
final class JsonFields {
    final List<FieldError> errors = new ArrayList<>();

    <T> List<T> objects(JsonNode json, String field, String path, String what,
            BiFunction<JsonNode, String, T> reader) {
        JsonNode array = json.get(field);
        if (array == null || array.isNull()) {
            error(path, "is required");
            return List.of();
        }
        if (!array.isArray()) {
            error(path, "must be an array");
            return List.of();
        }
        if (array.isEmpty()) {
            error(path, "must have at least one " + what);
            return List.of();
        }
        List<T> items = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String itemPath = path + "[" + i + "]";
            JsonNode item = array.get(i);
            if (!item.isObject()) {
                error(itemPath, "must be an object");
                continue;
            }
            T value = reader.apply(item, itemPath);
            if (value != null) {
                items.add(value);
            }
        }
        return items;
    }

    static boolean present(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v != null && !v.isNull();
    }

    String string(JsonNode node, String field, String path, boolean required) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                error(path, "is required");
            }
            return null;
        }
        if (!v.isTextual()) {
            error(path, "must be a string");
            return null;
        }
        return v.textValue();
    }

    Instant instant(JsonNode node, String field, String path, boolean required) {
        String text = string(node, field, path, required);
        if (text == null) {
            return null;
        }
        Instant instant = TextRules.instant(text);
        if (instant == null) {
            error(path, Timestamps.RULE);
        }
        return instant;
    }

    /**
     * A list of strings, each checked; {@code required} means present and non-empty. Returns the
     * valid values (errors are recorded, so a partial list is never used).
     */
    List<String> strings(JsonNode node, String field, String path, boolean required,
            Function<String, String> check) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            if (required) {
                error(path, "is required");
            }
            return List.of();
        }
        if (!v.isArray()) {
            error(path, "must be an array of strings");
            return List.of();
        }
        if (required && v.isEmpty()) {
            error(path, "must not be empty");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            JsonNode item = v.get(i);
            if (!item.isTextual()) {
                error(path + "[" + i + "]", "must be a string");
                continue;
            }
            String problem = check.apply(item.textValue());
            if (problem != null) {
                error(path + "[" + i + "]", problem);
                continue;
            }
            values.add(item.textValue());
        }
        return values;
    }

    <E> E requiredEnum(JsonNode node, String field, String path, Function<String, Optional<E>> lookup,
            String allowed, String what) {
        String text = string(node, field, path, true);
        if (text == null) {
            return null;
        }
        Optional<E> value = lookup.apply(text);
        if (value.isEmpty()) {
            error(path, "unknown " + what + " '" + text + "'; allowed: " + allowed);
        }
        return value.orElse(null);
    }

    <E> E optionalEnum(JsonNode node, String field, String path, Function<String, Optional<E>> lookup,
            String allowed, E fallback) {
        if (!present(node, field)) {
            return fallback;
        }
        E value = requiredEnum(node, field, path, lookup, allowed, field);
        return value == null ? fallback : value;
    }

    void error(String field, String message) {
        errors.add(new FieldError(field, message));
    }
}
