package com.userautomations.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The closed set of merge fields an email subject or body may use, and their substitution.
 * Substitution is a single pass of text replacement: values are data, never evaluated, and a
 * value that itself looks like a merge field is not expanded again.
 */
public final class MergeFields {
    public static final Set<String> FIXED =
            Set.of("user.firstName", "user.lastName", "user.email", "course.title", "school.name");
    public static final String USER_FIELDS = "user.fields.";
    public static final String EVENT_FIELDS = "event.fields.";

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");

    private MergeFields() {
    }

    /** Whether {@code {name}} is a merge field. */
    public static boolean isKnown(String name) {
        return FIXED.contains(name)
                || name.startsWith(USER_FIELDS) && name.length() > USER_FIELDS.length()
                || name.startsWith(EVENT_FIELDS) && name.length() > EVENT_FIELDS.length();
    }

    /** The names of every {@code {...}} in the template that is not a merge field, in order. */
    public static List<String> unknownFields(String template) {
        List<String> unknown = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!isKnown(m.group(1))) {
                unknown.add(m.group(1));
            }
        }
        return unknown;
    }

    /** The allowed merge fields, for error messages. */
    public static String allowed() {
        return "{user.firstName}, {user.lastName}, {user.email}, {user.fields.X}, {event.fields.X}, "
                + "{course.title}, {school.name}";
    }

    /**
     * Replaces every known merge field with {@code resolver.apply(name)}; a null value becomes "".
     * Anything else in braces is left as written (validation refuses it at save time).
     */
    public static String render(String template, Function<String, String> resolver) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        while (m.find()) {
            String name = m.group(1);
            String replacement = m.group();
            if (isKnown(name)) {
                String value = resolver.apply(name);
                replacement = value == null ? "" : value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
