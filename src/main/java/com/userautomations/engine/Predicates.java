package com.userautomations.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * The tests a rule applies, shared by the built rules and their DRL rendering so that both mean
 * the same thing. Every method is null-safe and never throws on user data. Lists of wanted
 * values are varargs so that DRL can pass literals directly.
 */
public final class Predicates {
    /** Longer texts are not numbers here: bounds the work of parsing a user's field. */
    private static final int MAX_NUMBER_LENGTH = 100;

    private Predicates() {
    }

    /** value is one of allowed (exact, case-sensitive). */
    public static boolean in(String value, String... allowed) {
        if (value == null) {
            return false;
        }
        for (String a : allowed) {
            if (value.equals(a)) {
                return true;
            }
        }
        return false;
    }

    /** have holds at least one of wanted. */
    public static boolean containsAny(Collection<String> have, String... wanted) {
        if (have == null || have.isEmpty()) {
            return false;
        }
        for (String w : wanted) {
            if (have.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** have holds every one of wanted. */
    public static boolean containsAll(Collection<String> have, String... wanted) {
        for (String w : wanted) {
            if (have == null || !have.contains(w)) {
                return false;
            }
        }
        return true;
    }

    /** have holds none of wanted. */
    public static boolean containsNone(Collection<String> have, String... wanted) {
        return !containsAny(have, wanted);
    }

    public static boolean notEmpty(Collection<?> c) {
        return c != null && !c.isEmpty();
    }

    /** The user's email domain is one of domains, ignoring case. */
    public static boolean emailDomainIn(String domain, String... domains) {
        if (domain == null || domain.isEmpty()) {
            return false;
        }
        for (String d : domains) {
            if (domain.equalsIgnoreCase(d)) {
                return true;
            }
        }
        return false;
    }

    public static Instant instant(String iso) {
        return Instant.parse(iso);
    }

    /** at is strictly before limit; false when at is unknown. */
    public static boolean before(Instant at, Instant limit) {
        return at != null && at.isBefore(limit);
    }

    /** at is strictly after limit; false when at is unknown. */
    public static boolean after(Instant at, Instant limit) {
        return at != null && at.isAfter(limit);
    }

    // ---- custom fields (user.fields.X / event.fields.X) ----

    public static boolean fieldExists(Map<String, String> fields, String name) {
        return fields != null && fields.get(name) != null;
    }

    public static boolean fieldEquals(Map<String, String> fields, String name, String value) {
        String actual = get(fields, name);
        return actual != null && actual.equals(value);
    }

    /** True when the field is missing, too: it does not equal the value. */
    public static boolean fieldNotEquals(Map<String, String> fields, String name, String value) {
        return !fieldEquals(fields, name, value);
    }

    public static boolean fieldContains(Map<String, String> fields, String name, String value) {
        String actual = get(fields, name);
        return actual != null && actual.contains(value);
    }

    public static boolean fieldStartsWith(Map<String, String> fields, String name, String value) {
        String actual = get(fields, name);
        return actual != null && actual.startsWith(value);
    }

    /** Numerically greater; false unless both sides are numbers. */
    public static boolean fieldGt(Map<String, String> fields, String name, String value) {
        Integer c = compareNumbers(get(fields, name), value);
        return c != null && c > 0;
    }

    /** Numerically less; false unless both sides are numbers. */
    public static boolean fieldLt(Map<String, String> fields, String name, String value) {
        Integer c = compareNumbers(get(fields, name), value);
        return c != null && c < 0;
    }

    /** The sign of a - b when both parse as decimal numbers, else null. */
    static Integer compareNumbers(String a, String b) {
        BigDecimal x = number(a);
        if (x == null) {
            return null;
        }
        BigDecimal y = number(b);
        return y == null ? null : x.compareTo(y);
    }

    static BigDecimal number(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        if (t.isEmpty() || t.length() > MAX_NUMBER_LENGTH) {
            return null;
        }
        try {
            return new BigDecimal(t);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    private static String get(Map<String, String> fields, String name) {
        return fields == null ? null : fields.get(name);
    }

    /**
     * The fact's DMN decision gives the expected value: text equal to text, a number equal in
     * value to a number (2 equals 2.0), a boolean to a boolean. No result equals nothing.
     *
     * @param kind the expected value's kind: "string", "number" or "boolean"
     */
    public static boolean decisionEquals(EventFact fact, String model, String decision, String kind, String expected) {
        if (fact == null) {
            return false;
        }
        Object result = fact.decision(model, decision);
        if (result == null || expected == null) {
            return false;
        }
        switch (kind) {
            case "string":
                return result instanceof String s && s.equals(expected);
            case "number":
                BigDecimal have = number(result);
                return have != null && have.compareTo(new BigDecimal(expected)) == 0;
            case "boolean":
                return result instanceof Boolean b && b.toString().equals(expected);
            default:
                return false;
        }
    }

    private static BigDecimal number(Object result) {
        if (result instanceof BigDecimal d) {
            return d;
        }
        if (result instanceof Integer || result instanceof Long || result instanceof Short || result instanceof Byte) {
            return BigDecimal.valueOf(((Number) result).longValue());
        }
        if (result instanceof Double || result instanceof Float) {
            double d = ((Number) result).doubleValue();
            return Double.isFinite(d) ? BigDecimal.valueOf(d) : null;
        }
        return null;
    }
}
