package com.userautomations.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads fields of a JSON object and collects every problem with its path, so that one
 * answer names all that is wrong. Values stay data: nothing here interprets them.
 */
public final class BodyReader {
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]+@[^@\\s\\p{Cntrl}]+");

    private final JsonNode node;
    private final String prefix;
    private final List<FieldError> errors;

    public BodyReader(JsonNode node) {
        this(node, "", new ArrayList<>());
    }

    private BodyReader(JsonNode node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    public BodyReader child(String name) {
        JsonNode value = node.get(name);
        if (value != null && !value.isNull() && !value.isObject()) {
            error(name, "must be an object");
        }
        return new BodyReader(value != null && value.isObject() ? value : null, path(name) + ".", errors);
    }

    public boolean present() {
        return node != null;
    }

    public boolean has(String name) {
        return node != null && node.hasNonNull(name);
    }

    public String path(String name) {
        return prefix + name;
    }

    public void error(String name, String message) {
        errors.add(new FieldError(path(name), message));
    }

    public List<FieldError> errors() {
        return errors;
    }

    public void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    public String string(String name, boolean required, int maxLength) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                error(name, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            error(name, "must be a string");
            return null;
        }
        String text = value.asText();
        if (required && text.isEmpty()) {
            error(name, "must not be empty");
            return null;
        }
        if (text.length() > maxLength) {
            error(name, "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    /** A single-line string: CR and LF would let a value split headers or log lines. */
    public String line(String name, boolean required, int maxLength) {
        String text = string(name, required, maxLength);
        if (text != null && hasControl(text)) {
            error(name, "must not contain control characters");
            return null;
        }
        return text;
    }

    public String id(String name, boolean required) {
        String text = string(name, required, 128);
        if (text != null && !ID.matcher(text).matches()) {
            error(name, "must be 1-128 characters of A-Z a-z 0-9 . _ : @ -");
            return null;
        }
        return text;
    }

    public String email(String name, boolean required) {
        String text = line(name, required, 320);
        if (text != null && !EMAIL.matcher(text).matches()) {
            error(name, "must be an email address");
            return null;
        }
        return text;
    }

    public Boolean bool(String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isBoolean()) {
            error(name, "must be true or false");
            return null;
        }
        return value.asBoolean();
    }

    public Instant timestamp(String name, boolean required) {
        String text = string(name, required, 64);
        if (text == null) {
            return null;
        }
        Instant instant = Timestamps.parse(text);
        if (instant == null) {
            error(name, Timestamps.RULE);
        }
        return instant;
    }

    public String oneOf(String name, boolean required, Set<String> allowed) {
        String text = string(name, required, 64);
        if (text != null && !allowed.contains(text)) {
            error(name, "must be one of " + String.join(", ", allowed));
            return null;
        }
        return text;
    }

    public List<String> strings(String name, int maxItems, int maxLength) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            error(name, "must be an array of strings");
            return null;
        }
        if (value.size() > maxItems) {
            error(name, "must have at most " + maxItems + " items");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                error(name + "[" + i + "]", "must be a string");
                continue;
            }
            String text = item.asText();
            if (text.isEmpty() || text.length() > maxLength) {
                error(name + "[" + i + "]", "must be 1-" + maxLength + " characters");
                continue;
            }
            out.add(text);
        }
        return out;
    }

    /** Tags: 1-100 characters of any Unicode but control characters, kept verbatim. */
    public Set<String> tags(String name, boolean required) {
        List<String> list = strings(name, 1000, 100);
        if (list == null) {
            if (required) {
                error(name, "is required");
            }
            return null;
        }
        Set<String> out = new LinkedHashSet<>();
        for (int i = 0; i < list.size(); i++) {
            if (hasControl(list.get(i))) {
                error(name + "[" + i + "]", "must not contain control characters");
            } else {
                out.add(list.get(i));
            }
        }
        if (required && out.isEmpty() && errors.isEmpty()) {
            error(name, "must not be empty");
        }
        return out;
    }

    public List<String> emails(String name) {
        List<String> list = strings(name, 100, 320);
        if (list == null) {
            return List.of();
        }
        for (int i = 0; i < list.size(); i++) {
            if (!EMAIL.matcher(list.get(i)).matches() || hasControl(list.get(i))) {
                error(name + "[" + i + "]", "must be an email address");
            }
        }
        return list;
    }

    /**
     * A flat object of custom fields: scalars only, so every field compares as text. The
     * JSON is kept as sent (numbers stay numbers in answers).
     */
    public ObjectNode fields(String name) {
        JsonNode value = node == null ? null : node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            error(name, "must be an object");
            return null;
        }
        if (value.size() > 200) {
            error(name, "must have at most 200 fields");
            return null;
        }
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        var it = value.fields();
        while (it.hasNext()) {
            var entry = it.next();
            String key = entry.getKey();
            JsonNode v = entry.getValue();
            if (key.isEmpty() || key.length() > 100 || hasControl(key)) {
                error(name, "field names must be 1-100 characters without control characters");
                continue;
            }
            if (v.isNull()) {
                continue;
            }
            if (!v.isValueNode()) {
                error(name + "." + key, "must be a string, number or boolean");
                continue;
            }
            if (v.asText().length() > 10_000) {
                error(name + "." + key, "must be at most 10000 characters");
                continue;
            }
            out.set(key, v);
        }
        return out;
    }

    /** The fields as the text rules compare. */
    public static Map<String, String> asStrings(JsonNode fields) {
        Map<String, String> out = new LinkedHashMap<>();
        if (fields != null) {
            fields.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    out.put(e.getKey(), e.getValue().asText());
                }
            });
        }
        return out;
    }

    public static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isISOControl(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }
}
