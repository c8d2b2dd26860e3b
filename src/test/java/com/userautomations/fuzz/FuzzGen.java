package com.userautomations.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Seeded generators of edge-case values and JSON: strings with control characters, huge strings,
 * unicode, injection text, wrong types, unknown enum values, deep nesting, and mutations of valid
 * documents (a field dropped, retyped, replaced, nested, duplicated). Everything comes from one
 * {@link Random}, so a seed reproduces a run exactly; failures print the seed and the case index.
 *
 * <p>This is plain Java on purpose: see {@code package-info.java} for why the fuzz tests do not use
 * jqwik.
 */
final class FuzzGen {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Characters the id grammar allows. */
    static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._:@-";

    /** Code points that are no control characters but stress escaping, width and direction. */
    private static final int[] UNICODE = {'a', 'Z', '7', ' ', '"', '\\', '\'', '{', '}', '$', '#', '%', '<', '>', '&',
            '/', 0xE9, 0x3B1, 0x3C4, 0x5D0, 0x627, 0x4E2D, 0x200B, 0x200D, 0x202E, 0x2028, 0x2029, 0xFEFF, 0xFFFD,
            0x1F393, 0x1F600, 0x1D11E, 0x10FFFF, 0x0301, 0xE000};

    /** Control characters (Unicode Cc): C0, DEL and C1. */
    private static final int[] CONTROL = {0x00, 0x01, 0x07, 0x08, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1B, 0x1F, 0x7F, 0x80,
            0x85, 0x9F};

    /**
     * Fixed nasty strings. None contains the words the leak check looks for (Exception, SQL
     * keywords, package names), because refusals may quote what was sent.
     */
    static final List<String> NASTY = List.of("", " ", "\t", "\n", "\r\n", "\u0000", "a\u0000b", "null", "true", "0",
            "-1", "1e309", "NaN", "Infinity", "[]", "{}", "{\"a\":1}", "'; DROP TABLE users; --", "\" OR 1=1 --",
            "${jndi:ldap://127.0.0.1/a}", "#{1+1}", "@{1+1}", "\"); System.exit(1); //", "<script>alert(1)</script>",
            "../../etc/passwd", "%00", "%s%n%x", "\\u0000", "\\", "\"", "rule \"x\" when then end",
            "end\nrule \"y\" when then end", "Bcc: x@y.test", "a@b.test\r\nBcc: c@d.test", "\uD800", "\uDC00x",
            "\u202Egnp.exe", "ⅯⅯⅩⅩⅥ", "🎓🎓🎓", "user.signed_up ", " user.signed_up", "USER.SIGNED_UP", "user_signed_up",
            "active ", "ACTIVE", "Paused", "every-time", "learner\u0000", "2026-11-28T09:30:00", "2026-11-28",
            "2026-02-30T00:00:00Z", "2026-11-28T25:00:00Z", "+294277-01-01T00:00:00Z", "-4714-11-23T00:00:00Z",
            "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "2026-11-28T09:30:00+18:00",
            "2026-11-28T09:30:00-18:01", "0000-01-01T00:00:00Z", "PT0S", "PT-1H", "P-1D", "PT1H", "P1Y",
            "PT2562047788015215H", "P106751991167300D", "PT0.000000001S", "x".repeat(128), "x".repeat(129),
            "é".repeat(100), "🎓".repeat(100), "🎓".repeat(101), "a".repeat(200), "a".repeat(201), "a".repeat(320),
            "a".repeat(2001), "a".repeat(10_001));

    final Random random;

    FuzzGen(long seed) {
        random = new Random(seed);
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    int between(int min, int max) {
        return min + random.nextInt(max - min + 1);
    }

    /** True with the given chance in percent. */
    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    @SafeVarargs
    final <T> T pick(T... values) {
        return values[random.nextInt(values.length)];
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    <T> List<T> some(List<T> pool, int min, int max) {
        int n = between(min, max);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(pick(pool));
        }
        return out;
    }

    // ---- strings ----

    /** A valid id: 1-128 characters of the id alphabet, short most of the time. */
    String id() {
        int length = chance(10) ? between(100, 128) : between(1, 12);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        // "." and ".." are no ids: a URL path cannot address them
        return s.toString().equals(".") || s.toString().equals("..") ? s + "x" : s.toString();
    }

    /** Text of 1..max code points without control characters, never blank. */
    String text(int max) {
        int length = chance(15) ? between(Math.max(1, max - 3), max) : between(1, Math.min(max, 20));
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(UNICODE[random.nextInt(UNICODE.length)]);
        }
        if (s.toString().isBlank()) {
            s.setCharAt(0, 'x');
        }
        return s.toString();
    }

    /** Text that may hold control characters (1..max code points). */
    String anyText(int max) {
        String base = text(max);
        if (!chance(40)) {
            return base;
        }
        int[] cps = base.codePoints().toArray();
        cps[random.nextInt(cps.length)] = CONTROL[random.nextInt(CONTROL.length)];
        return new String(cps, 0, cps.length);
    }

    /** A string up to about 200,000 characters. */
    String huge() {
        int length = pick(1_000, 10_001, 65_536, 100_000, 200_000);
        String unit = pick("x", "é", "🎓", "\u0000", "ab\"\\", "{user.firstName}", "a ");
        return unit.repeat(Math.max(1, length / unit.length()));
    }

    /** Anything a string field could get: valid-looking, nasty, control characters, huge. */
    String nasty() {
        return switch (random.nextInt(10)) {
            case 0, 1, 2 -> pick(NASTY);
            case 3 -> huge();
            case 4, 5 -> anyText(between(1, 300));
            case 6 -> id();
            default -> text(40);
        };
    }

    // ---- JSON ----

    /** A random JSON value up to the depth given. */
    JsonNode anyJson(int depth) {
        int kind = random.nextInt(depth <= 0 ? 6 : 8);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> number();
            case 3, 4, 5 -> NODES.textNode(nasty());
            case 6 -> {
                ArrayNode a = NODES.arrayNode();
                for (int i = 0, n = between(0, 4); i < n; i++) {
                    a.add(anyJson(depth - 1));
                }
                yield a;
            }
            default -> {
                ObjectNode o = NODES.objectNode();
                for (int i = 0, n = between(0, 4); i < n; i++) {
                    o.set(chance(50) ? pick("type", "id", "name", "tags", "all", "any", "not", "events", "status")
                            : text(10), anyJson(depth - 1));
                }
                yield o;
            }
        };
    }

    /**
     * A number as the service reads one: fractions and exponents as BigDecimal (JsonBodies reads
     * with USE_BIG_DECIMAL_FOR_FLOATS). A double node would be no tree a body parses to, and it
     * re-reads as another node once written (-3.59E11 comes back as a DecimalNode, not equal).
     */
    JsonNode number() {
        return switch (random.nextInt(7)) {
            case 0 -> NODES.numberNode(random.nextInt());
            case 1 -> NODES.numberNode(random.nextLong());
            case 2 -> NODES.numberNode(pick(0, -1, 1, Integer.MAX_VALUE, Integer.MIN_VALUE));
            case 3 -> NODES.numberNode(BigDecimal.valueOf(random.nextDouble() * 1e12 - 5e11));
            case 4 -> NODES.numberNode(new BigInteger("9".repeat(between(20, 300))));
            case 5 -> NODES.numberNode(new BigDecimal("1e" + pick(-400, 400, 309, -324)));
            default -> NODES.numberNode(BigDecimal.valueOf(pick(Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 1e308)));
        };
    }

    /** A value of another JSON type than {@code original} (or an unknown enum-like string). */
    JsonNode wrongType(JsonNode original) {
        for (int i = 0; i < 10; i++) {
            JsonNode v = anyJson(2);
            if (v.getNodeType() != original.getNodeType()) {
                return v;
            }
        }
        return NODES.nullNode();
    }

    /** Nested containers {@code levels} deep: arrays, objects, or condition-shaped nots/alls. */
    static JsonNode deep(int levels, int shape) {
        JsonNode inner = shape == 2 || shape == 3
                ? NODES.objectNode().put("type", "has_tags").set("tags", NODES.arrayNode().add("t"))
                : NODES.textNode("bottom");
        for (int i = 0; i < levels; i++) {
            inner = switch (shape) {
                case 0 -> NODES.arrayNode().add(inner);
                case 1 -> NODES.objectNode().set("a", inner);
                case 2 -> NODES.objectNode().set("not", inner);
                default -> NODES.objectNode().set("all", NODES.arrayNode().add(inner));
            };
        }
        return inner;
    }

    /** JSON text nested {@code levels} deep, built as text (no recursion anywhere). */
    static String deepText(int levels, boolean arrays) {
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        return open.repeat(levels) + "1" + close.repeat(levels);
    }

    // ---- mutations ----

    /** A copy of {@code doc} with 1..max random mutations anywhere in its tree. */
    JsonNode mutate(JsonNode doc, int max) {
        JsonNode copy = doc.deepCopy();
        for (int i = 0, n = between(1, max); i < n; i++) {
            mutateOnce(copy);
        }
        return copy;
    }

    private record Slot(JsonNode parent, String field, int index) {
        JsonNode get() {
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }

        void remove() {
            if (field != null) {
                ((ObjectNode) parent).remove(field);
            } else {
                ((ArrayNode) parent).remove(index);
            }
        }
    }

    private void mutateOnce(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        List<JsonNode> containers = new ArrayList<>();
        collect(root, slots, containers);
        if (slots.isEmpty() || chance(12)) {
            // add something to a container
            JsonNode c = pick(containers);
            if (c instanceof ObjectNode o) {
                o.set(chance(50) ? pick("unknown", "Type", "type ", "__proto__", "$where", "", "\u0000") : text(8),
                        anyJson(2));
            } else if (c instanceof ArrayNode a) {
                a.add(chance(50) && !a.isEmpty() ? a.get(0).deepCopy() : anyJson(2));
            }
            return;
        }
        Slot slot = pick(slots);
        JsonNode current = slot.get();
        switch (random.nextInt(11)) {
            case 0, 1 -> slot.remove();
            case 2 -> slot.set(NODES.nullNode());
            case 3 -> slot.set(wrongType(current));
            case 4 -> slot.set(NODES.textNode(nasty()));
            case 5 -> slot.set(current.isTextual() ? NODES.textNode(current.textValue() + pick(NASTY))
                    : NODES.textNode(pick("unknown", "UNKNOWN", "x.y", "")));
            case 6 -> slot.set(number());
            case 7 -> slot.set(NODES.arrayNode().add(current));
            case 8 -> slot.set(current.isArray() ? NODES.arrayNode() : NODES.objectNode());
            case 9 -> slot.set(deep(between(2, 60), random.nextInt(4)));
            default -> slot.set(NODES.textNode(huge()));
        }
    }

    private static void collect(JsonNode node, List<Slot> slots, List<JsonNode> containers) {
        if (node.isObject()) {
            containers.add(node);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                slots.add(new Slot(node, e.getKey(), -1));
                collect(e.getValue(), slots, containers);
            }
        } else if (node.isArray()) {
            containers.add(node);
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Slot(node, null, i));
                collect(node.get(i), slots, containers);
            }
        }
    }
}
