package com.userautomations.packaged;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares what a README block printed with the answer the README shows.
 *
 * <p>The rule, the same for JSON and text answers:
 * <ul>
 *   <li>JSON answers ({@code ```json}) are a sequence of JSON documents, one per answer the block
 *       printed (a 204 prints none), compared by structure: the same keys (no more, no fewer), the
 *       same array lengths, the same numbers, booleans and nulls, and strings as below. Key order and
 *       layout do not matter.</li>
 *   <li>{@code "..."} as a value matches any value; {@code "...": "..."} as a key lets the object
 *       have keys the README does not show; {@code "..."} as the last element of an array lets the
 *       array have more elements (zero or more) after those shown.</li>
 *   <li>In strings and in text answers, {@code ...} matches any text, an ISO-8601 instant
 *       ({@code 2026-11-28T08:13:58.755Z}) matches any instant, and a generated id matches any id
 *       of its kind: {@code aut_}, {@code run_}, {@code eml_} followed by letters and digits,
 *       {@code key_} and {@code ua_} (API key ids and keys) followed by letters, digits, {@code _}
 *       and {@code -}. Everything else is compared literally; text answers
 *       ignore trailing blanks on a line and blank lines at the end.</li>
 *   <li>Ids stand for the same id throughout one service's life: an id the README shows twice must
 *       be the same id both times, and two different README ids two different ids (so the run of
 *       {@code aut_x} is the run of the automation created as {@code aut_x}).</li>
 * </ul>
 */
final class ReadmeAnswers {
    static final String INSTANT = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2})";
    private static final Pattern TOKEN = Pattern.compile(
            "(\\.\\.\\.)|\\b((?:aut|run|eml)_)[A-Za-z0-9]+|\\b((?:key|ua)_)[A-Za-z0-9_-]+|(" + INSTANT + ")");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String ANY = "...";

    /** README id -> the service's id, and back. */
    private Map<String, String> ids = new HashMap<>();
    private Map<String, String> back = new HashMap<>();

    /** A new service: new ids. */
    void forgetIds() {
        ids = new HashMap<>();
        back = new HashMap<>();
    }

    /** What {@link #restore} goes back to (a retried block must not keep a failed attempt's ids). */
    Object snapshot() {
        return List.of(new HashMap<>(ids), new HashMap<>(back));
    }

    @SuppressWarnings("unchecked")
    void restore(Object snapshot) {
        List<Map<String, String>> s = (List<Map<String, String>>) snapshot;
        ids = new HashMap<>(s.get(0));
        back = new HashMap<>(s.get(1));
    }

    /** Null when {@code actual} matches the answer shown, else the first difference. */
    String mismatch(String lang, String expected, String actual) {
        if ("json".equals(lang)) {
            List<JsonNode> want;
            try {
                want = documents(expected);
            } catch (IOException e) {
                throw new IllegalStateException("the README's answer is not JSON: " + e.getMessage());
            }
            List<JsonNode> got;
            try {
                got = documents(actual);
            } catch (IOException e) {
                return "the answer is not JSON: " + e.getMessage().lines().findFirst().orElse("");
            }
            if (want.size() != got.size()) {
                return "the block printed " + got.size() + " JSON answer(s), the README shows " + want.size();
            }
            for (int i = 0; i < want.size(); i++) {
                String d = compare(want.size() == 1 ? "$" : "answer " + (i + 1) + " $", want.get(i), got.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        String d = matchString(trimText(expected), trimText(actual));
        return d == null ? null : "text: " + d;
    }

    private static List<JsonNode> documents(String text) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(text)) {
            while (p.nextToken() != null) {
                out.add(JSON.readTree(p));
            }
        }
        return out;
    }

    private String compare(String path, JsonNode want, JsonNode got) {
        if (want.isTextual() && ANY.equals(want.textValue())) {
            return null;
        }
        if (want.isObject()) {
            if (!got.isObject()) {
                return path + ": expected an object, got " + got;
            }
            boolean open = want.has(ANY);
            if (open && !(want.get(ANY).isTextual() && ANY.equals(want.get(ANY).textValue()))) {
                throw new IllegalStateException(path + ": the README's \"...\" key must have the value \"...\"");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = want.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (ANY.equals(e.getKey())) {
                    continue;
                }
                if (!got.has(e.getKey())) {
                    return path + ": no key \"" + e.getKey() + "\" in " + got;
                }
                String d = compare(path + "." + e.getKey(), e.getValue(), got.get(e.getKey()));
                if (d != null) {
                    return d;
                }
            }
            if (!open) {
                for (Iterator<String> it = got.fieldNames(); it.hasNext(); ) {
                    String k = it.next();
                    if (!want.has(k)) {
                        return path + ": key \"" + k + "\" is not in the README's answer (" + got.get(k) + ")";
                    }
                }
            }
            return null;
        }
        if (want.isArray()) {
            if (!got.isArray()) {
                return path + ": expected an array, got " + got;
            }
            int n = want.size();
            boolean open = n > 0 && want.get(n - 1).isTextual() && ANY.equals(want.get(n - 1).textValue());
            int shown = open ? n - 1 : n;
            if (open ? got.size() < shown : got.size() != shown) {
                return path + ": " + got.size() + " elements, the README shows " + (open ? "at least " : "") + shown + ": " + got;
            }
            for (int i = 0; i < shown; i++) {
                String d = compare(path + "[" + i + "]", want.get(i), got.get(i));
                if (d != null) {
                    return d;
                }
            }
            return null;
        }
        if (want.isTextual()) {
            if (!got.isTextual()) {
                return path + ": expected a string, got " + got;
            }
            String d = matchString(want.textValue(), got.textValue());
            return d == null ? null : path + ": " + d;
        }
        if (want.isNumber()) {
            if (!got.isNumber() || want.decimalValue().compareTo(got.decimalValue()) != 0) {
                return path + ": expected " + want + ", got " + got;
            }
            return null;
        }
        return want.equals(got) ? null : path + ": expected " + want + ", got " + got;
    }

    /** Matches one string, or a whole text, by the rule above; records the ids it binds. */
    private String matchString(String want, String got) {
        StringBuilder regex = new StringBuilder();
        List<String> idTokens = new ArrayList<>();
        Matcher t = TOKEN.matcher(want);
        int last = 0;
        while (t.find()) {
            regex.append(Pattern.quote(want.substring(last, t.start())));
            if (t.group(1) != null) {
                regex.append("(?:.*?)");
            } else if (t.group(2) != null) {
                regex.append('(').append(Pattern.quote(t.group(2))).append("[A-Za-z0-9]+)");
                idTokens.add(t.group());
            } else if (t.group(3) != null) {
                regex.append('(').append(Pattern.quote(t.group(3))).append("[A-Za-z0-9_-]+)");
                idTokens.add(t.group());
            } else {
                regex.append("(?:").append(INSTANT).append(')');
            }
            last = t.end();
        }
        regex.append(Pattern.quote(want.substring(last)));
        Matcher m = Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(got);
        if (!m.matches()) {
            return "expected " + quoteForMessage(want) + ", got " + quoteForMessage(got);
        }
        for (int i = 0; i < idTokens.size(); i++) {
            String readme = idTokens.get(i);
            String actual = m.group(i + 1);
            String bound = ids.get(readme);
            if (bound != null && !bound.equals(actual)) {
                return "the README's " + readme + " was " + bound + " earlier, here it is " + actual;
            }
            String other = back.get(actual);
            if (other != null && !other.equals(readme)) {
                return actual + " is the README's " + other + " earlier, here the README shows " + readme;
            }
            ids.put(readme, actual);
            back.put(actual, readme);
        }
        return null;
    }

    private static String quoteForMessage(String s) {
        return s.contains("\n") ? "\n---\n" + s + "\n---\n" : "\"" + s + "\"";
    }

    /** Trailing blanks on each line and blank lines at the end do not count. */
    static String trimText(String s) {
        String[] lines = s.split("\n", -1);
        StringBuilder b = new StringBuilder();
        for (String line : lines) {
            b.append(line.stripTrailing()).append('\n');
        }
        return b.toString().stripTrailing();
    }
}
