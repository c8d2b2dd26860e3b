package com.userautomations.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The one reader of request bodies (and of stored definitions). It reads the fields of JSON
 * objects, checks them with {@link TextRules} and collects every problem with its path, so that
 * one answer names all that is wrong. Values stay data: nothing here interprets them.
 *
 * <p>Strict by construction: every key a reader is asked for is remembered, and
 * {@link #throwIfInvalid()} refuses every key of the body that no reader asked for, at any depth
 * ({@code conditions.all[1].tagz}). A parser cannot forget to refuse a misspelt key: it would
 * have to ask for it. Only {@link #fields} and {@link #freeForm} take keys the caller does not
 * know, and an object no reader looked at has every key refused unless the body is already
 * refused for another reason.
 */
public final class BodyReader {
    /** Items in any list of a definition (tags, triggers, actions, ids...). */
    public static final int MAX_ITEMS = 100;
    /** Nesting of free-form maps. */
    public static final int MAX_FREE_DEPTH = 32;

    /** What all the readers of one body share. */
    private static final class Body {
        final List<FieldError> errors = new ArrayList<>();
        final Map<JsonNode, BodyReader> readers = new IdentityHashMap<>();
        /** Objects whose keys are the client's own (fields, payloads): their values are still checked. */
        final Set<JsonNode> free = Collections.newSetFromMap(new IdentityHashMap<>());
        /** Values another body reader reads (the events of a batch): not this body's to check. */
        final Set<JsonNode> delegated = Collections.newSetFromMap(new IdentityHashMap<>());
        final JsonNode root;
        boolean finished;

        Body(JsonNode root) {
            this.root = root;
        }
    }

    private final Body body;
    private final JsonNode node;
    private final String prefix;
    private final Set<String> asked = new HashSet<>(8);
    private boolean opaque;

    public BodyReader(JsonNode root) {
        this(new Body(root), root, "");
    }

    private BodyReader(Body body, JsonNode node, String prefix) {
        this.body = body;
        this.node = node != null && node.isObject() ? node : null;
        this.prefix = prefix;
        if (this.node != null) {
            body.readers.put(this.node, this);
        }
    }

    // ---- structure ----

    public boolean present() {
        return node != null;
    }

    /** Whether the key is present and not null; asking counts as knowing the key. */
    public boolean has(String name) {
        return get(name) != null;
    }

    /** The value as sent (null when absent or null), for scalars that take more than one JSON type. */
    public JsonNode value(String name) {
        return get(name);
    }

    private JsonNode get(String name) {
        asked.add(name);
        if (node == null) {
            return null;
        }
        JsonNode v = node.get(name);
        return v == null || v.isNull() ? null : v;
    }

    /** The object under {@code name}; a reader with nothing in it when absent. */
    public BodyReader child(String name) {
        JsonNode value = get(name);
        if (value != null && !value.isObject()) {
            error(name, "must be an object");
            return new BodyReader(body, null, path(name) + ".");
        }
        return new BodyReader(body, value, path(name) + ".");
    }

    /**
     * An array of objects, each read by its own reader. Absent is an empty list (and "is
     * required" when {@code required}); required lists must not be empty.
     */
    public List<BodyReader> items(String name, boolean required, String what) {
        JsonNode array = get(name);
        if (array == null) {
            if (required) {
                error(name, "is required");
            }
            return List.of();
        }
        if (!array.isArray()) {
            error(name, "must be an array");
            return List.of();
        }
        if (required && array.isEmpty()) {
            error(name, "must have at least one " + what);
            return List.of();
        }
        if (array.size() > MAX_ITEMS) {
            error(name, "must have at most " + MAX_ITEMS + " items");
            return List.of();
        }
        List<BodyReader> items = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String itemPath = path(name) + "[" + i + "]";
            if (!item.isObject()) {
                body.errors.add(new FieldError(itemPath, "must be an object"));
                continue;
            }
            items.add(new BodyReader(body, item, itemPath + "."));
        }
        return items;
    }

    /**
     * An array whose items other readers read, each as a body of its own (the events of a
     * batch, whose problems are that event's result); null when absent, an error when not an array.
     */
    public JsonNode delegatedArray(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isArray()) {
            error(name, "must be an array");
            return null;
        }
        body.delegated.add(value);
        return value;
    }

    /** This object's keys are not checked: its type is unknown, and that is the error reported. */
    public void opaque() {
        opaque = true;
    }

    /** The path of this object itself, for errors about it as a whole ("" for the body). */
    public String here() {
        return prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix;
    }

    public String path(String name) {
        return prefix + name;
    }

    // ---- errors ----

    public void error(String name, String message) {
        body.errors.add(new FieldError(path(name), message));
    }

    public void errorHere(String message) {
        body.errors.add(new FieldError(here(), message));
    }

    public List<FieldError> errors() {
        return body.errors;
    }

    /** The errors of the body, unknown keys included; call once the parser has read what it knows. */
    public List<FieldError> finish() {
        if (!body.finished) {
            body.finished = true;
            scalars();
            unknownKeys();
        }
        return body.errors;
    }

    public void throwIfInvalid() {
        if (!finish().isEmpty()) {
            throw ApiException.invalid(body.errors);
        }
    }

    /**
     * Values nothing could keep as sent: NUL (a PostgreSQL text column refuses it), and numbers
     * that would not come back as they went in (1e999999999 is no double; a billion digits when
     * written out). Every value of the body, free-form ones included. Iterative, so no nesting
     * depth can overflow the stack.
     */
    private void scalars() {
        ArrayDeque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry("", body.root));
        List<FieldError> found = new ArrayList<>();
        while (!todo.isEmpty()) {
            var item = todo.pop();
            String path = item.getKey();
            JsonNode n = item.getValue();
            if (n == null || body.delegated.contains(n)) {
                continue;
            }
            if (n.isTextual()) {
                if (n.textValue().indexOf('\0') >= 0) {
                    found.add(new FieldError(path, "must not contain the NUL character"));
                }
            } else if (n.isNumber()) {
                String problem = Numbers.problem(n);
                if (problem != null) {
                    found.add(new FieldError(path, problem));
                }
            } else if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    todo.push(Map.entry(path + "[" + i + "]", n.get(i)));
                }
            } else if (n.isObject()) {
                var fields = n.fields();
                while (fields.hasNext()) {
                    var f = fields.next();
                    String keyPath = keyPath(path, f.getKey());
                    if (f.getKey().indexOf('\0') >= 0) {
                        found.add(new FieldError(keyPath, "key names must not contain the NUL character"));
                    } else {
                        todo.push(Map.entry(keyPath, f.getValue()));
                    }
                }
            }
        }
        Collections.reverse(found);
        body.errors.addAll(found);
    }

    private void unknownKeys() {
        boolean alreadyRefused = !body.errors.isEmpty();
        List<FieldError> unknown = new ArrayList<>();
        ArrayDeque<Map.Entry<String, JsonNode>> todo = new ArrayDeque<>();
        todo.push(Map.entry("", body.root));
        while (!todo.isEmpty()) {
            var item = todo.pop();
            String path = item.getKey();
            JsonNode n = item.getValue();
            if (n == null || body.free.contains(n) || body.delegated.contains(n)) {
                continue;
            }
            if (n.isArray()) {
                for (int i = 0; i < n.size(); i++) {
                    todo.push(Map.entry(path + "[" + i + "]", n.get(i)));
                }
            } else if (n.isObject()) {
                BodyReader r = body.readers.get(n);
                if (r != null && r.opaque) {
                    nearMisses(path, n, r.asked, unknown);
                    continue;
                }
                if (r == null && alreadyRefused) {
                    continue; // not looked at because the body is refused already
                }
                Set<String> known = r == null ? Set.of() : r.asked;
                var fields = n.fields();
                while (fields.hasNext()) {
                    var f = fields.next();
                    String keyPath = keyPath(path, f.getKey());
                    if (known.contains(f.getKey())) {
                        todo.push(Map.entry(keyPath, f.getValue()));
                    } else {
                        unknown.add(new FieldError(keyPath, unknownKey(f.getKey(), known)));
                    }
                }
            }
        }
        Collections.reverse(unknown);
        body.errors.addAll(unknown);
    }

    /**
     * In an object the parser gave up on (its {@code type} is missing or unknown, a condition
     * node has none of its keys), the other keys are not known, so they are not refused one by
     * one; but a key one letter away from a key the parser asked for and did not find is the
     * reason it gave up ({@code typez}, {@code Not}), and is named as such.
     */
    private static void nearMisses(String path, JsonNode n, Set<String> asked, List<FieldError> out) {
        var fields = n.fields();
        while (fields.hasNext()) {
            String key = fields.next().getKey();
            if (asked.contains(key)) {
                continue;
            }
            for (String k : asked) {
                if (n.get(k) == null && (k.equalsIgnoreCase(key) || distance(key, k) <= 1)) {
                    out.add(new FieldError(keyPath(path, key), "is not a known key; did you mean '" + k + "'?"));
                    break;
                }
            }
        }
    }

    /**
     * The path of a key: {@code a.b}, or {@code a["x.y"]} for a key that is empty or would be
     * misread in a path (dots, brackets, quotes, control characters).
     */
    static String keyPath(String path, String key) {
        boolean plain = !key.isEmpty();
        for (int i = 0; i < key.length() && plain; i++) {
            char c = key.charAt(i);
            plain = c > 0x20 && c != '.' && c != '[' && c != ']' && c != '"' && c != '\\' && c != 0x7f;
        }
        if (plain) {
            return path.isEmpty() ? key : path + "." + key;
        }
        StringBuilder quoted = new StringBuilder(path).append("[\"");
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '"' || c == '\\') {
                quoted.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7f) {
                quoted.append(String.format("\\u%04x", (int) c));
            } else {
                quoted.append(c);
            }
        }
        return quoted.append("\"]").toString();
    }

    private static String unknownKey(String key, Set<String> known) {
        String closest = null;
        int best = 3;
        for (String k : known) {
            int d = distance(key, k);
            if (d < best) {
                best = d;
                closest = k;
            }
        }
        if (closest != null) {
            return "is not a known key; did you mean '" + closest + "'?";
        }
        return known.isEmpty() ? "is not a known key" : "is not a known key; known here: " + String.join(", ", new TreeSet<>(known));
    }

    /** Edit distance, bounded by the short keys it compares. */
    private static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = Character.toLowerCase(a.charAt(i - 1)) == Character.toLowerCase(b.charAt(j - 1)) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    // ---- scalars ----

    /** A string of at most {@code maxLength} code points; required strings must not be empty. */
    public String string(String name, boolean required, int maxLength) {
        JsonNode value = get(name);
        if (value == null) {
            if (required) {
                error(name, "is required");
            }
            return null;
        }
        if (!value.isTextual()) {
            error(name, "must be a string");
            return null;
        }
        String text = value.textValue();
        if (required && text.isEmpty()) {
            error(name, "must not be empty");
            return null;
        }
        if (TextRules.length(text) > maxLength) {
            error(name, "must be at most " + maxLength + " characters");
            return null;
        }
        return text;
    }

    /** A single-line string: CR and LF would let a value split headers or log lines. */
    public String line(String name, boolean required, int maxLength) {
        String text = string(name, required, maxLength);
        if (text != null && TextRules.hasControl(text)) {
            error(name, "must not contain control characters");
            return null;
        }
        return text;
    }

    /** A string passed through a {@link TextRules} check. */
    public String checked(String name, boolean required, Function<String, String> rule) {
        String text = string(name, required, Integer.MAX_VALUE);
        if (text != null) {
            String problem = rule.apply(text);
            if (problem != null) {
                error(name, problem);
                return null;
            }
        }
        return text;
    }

    public String id(String name, boolean required) {
        return checked(name, required, TextRules::id);
    }

    public String email(String name, boolean required) {
        return checked(name, required, TextRules::email);
    }

    public Boolean bool(String name) {
        JsonNode value = get(name);
        if (value == null) {
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

    /** A value of a closed enum, looked up by its wire name; {@code fallback} when absent. */
    public <E> E choice(String name, boolean required, Function<String, Optional<E>> lookup, String allowed,
            String what, E fallback) {
        String text = string(name, required, 200);
        if (text == null) {
            return fallback;
        }
        Optional<E> value = lookup.apply(text);
        if (value.isEmpty()) {
            error(name, "unknown " + what + " '" + text + "'; allowed: " + allowed);
            return fallback;
        }
        return value.get();
    }

    /**
     * A list of strings, each passed through {@code rule}; null when absent. At most
     * {@code maxItems}; the valid values are returned (errors are recorded, so a partial list is
     * never used).
     */
    public List<String> strings(String name, int maxItems, Function<String, String> rule) {
        JsonNode value = get(name);
        if (value == null) {
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
        List<String> out = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            JsonNode item = value.get(i);
            if (!item.isTextual()) {
                error(name + "[" + i + "]", "must be a string");
                continue;
            }
            String problem = rule.apply(item.textValue());
            if (problem != null) {
                error(name + "[" + i + "]", problem);
                continue;
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** A list a definition requires: present and not empty, each item checked. Empty on error. */
    public List<String> requiredStrings(String name, Function<String, String> rule) {
        int before = body.errors.size();
        List<String> values = strings(name, MAX_ITEMS, rule);
        if (values == null) {
            if (body.errors.size() == before) {
                error(name, "is required");
            }
            return List.of();
        }
        if (values.isEmpty() && body.errors.size() == before) {
            error(name, "must not be empty");
        }
        return body.errors.size() > before ? List.of() : values;
    }

    /** Tags: 1-100 characters of any Unicode but control characters, kept verbatim. */
    public Set<String> tags(String name, boolean required, int maxItems) {
        int before = body.errors.size();
        List<String> list = strings(name, maxItems, TextRules::tag);
        if (list == null) {
            if (required && body.errors.size() == before) {
                error(name, "is required");
            }
            return null;
        }
        Set<String> out = new LinkedHashSet<>(list);
        if (required && out.isEmpty() && body.errors.size() == before) {
            error(name, "must not be empty");
        }
        return out;
    }

    public List<String> emails(String name) {
        List<String> list = strings(name, MAX_ITEMS, TextRules::email);
        return list == null ? List.of() : list;
    }

    /**
     * A flat object of custom fields: scalars only, so every field compares as text. The
     * JSON is kept as sent (numbers stay numbers in answers). Its keys are the client's own.
     */
    public ObjectNode fields(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            error(name, "must be an object");
            return null;
        }
        body.free.add(value);
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
            if (TextRules.text(key, 100) != null) {
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
            if (v.isTextual() && TextRules.length(v.textValue()) > 10_000) {
                error(name + "." + key, "must be at most 10000 characters");
                continue;
            }
            out.set(key, v);
        }
        return out;
    }

    /** A free-form JSON object (a webhook payload): any keys, at most {@link #MAX_FREE_DEPTH} levels. */
    public JsonNode freeForm(String name) {
        JsonNode value = get(name);
        if (value == null) {
            return null;
        }
        if (!value.isObject()) {
            error(name, "must be an object");
            return null;
        }
        body.free.add(value);
        if (depth(value) > MAX_FREE_DEPTH) {
            error(name, "must nest at most " + MAX_FREE_DEPTH + " levels");
            return null;
        }
        return value;
    }

    private static int depth(JsonNode root) {
        int max = 0;
        ArrayDeque<Map.Entry<JsonNode, Integer>> todo = new ArrayDeque<>();
        todo.push(Map.entry(root, 1));
        while (!todo.isEmpty()) {
            var e = todo.pop();
            max = Math.max(max, e.getValue());
            if (max > MAX_FREE_DEPTH) {
                return max;
            }
            for (JsonNode child : e.getKey()) {
                if (child.isContainerNode()) {
                    todo.push(Map.entry(child, e.getValue() + 1));
                }
            }
        }
        return max;
    }

    /**
     * A read-only key of a stored document (id, version, createdAt...): accepted, and ignored,
     * only when it equals the stored value; {@code stored} null means the document is new.
     */
    public void readOnly(String name, JsonNode stored) {
        JsonNode sent = get(name);
        if (sent != null && (stored == null || !sent.equals(stored) && !sent.asText().equals(stored.asText()))) {
            error(name, stored == null ? "is set by the service; leave it out"
                    : "is read-only; leave it out or send the stored value");
        }
    }

    /**
     * A read-only key a client may send back as it read it (a container, which the text
     * comparison above cannot judge): {@code stored} says whether the sent value is the stored one.
     */
    public void readOnly(String name, java.util.function.Predicate<JsonNode> stored) {
        JsonNode sent = get(name);
        if (sent == null) {
            return;
        }
        body.free.add(sent); // judged whole, here: its inner keys are not the parser's to refuse
        if (!stored.test(sent)) {
            error(name, "is read-only; leave it out or send the stored value");
        }
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
}
