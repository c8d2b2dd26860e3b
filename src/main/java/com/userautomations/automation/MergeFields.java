package com.userautomations.automation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

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

    /** Whether the template uses {@code {name}}. */
    public static boolean uses(String template, String name) {
        return template != null && template.contains("{" + name + "}");
    }

    /** The texts of an action that merge fields fill, by their path inside the action. */
    public static Map<String, String> templatesOf(Action a) {
        Map<String, String> texts = new LinkedHashMap<>();
        switch (a.type()) {
            case SEND_EMAIL -> {
                texts.put("subject", a.subject());
                texts.put("body", a.body());
            }
            case SEND_PUSH -> {
                texts.put("title", a.title());
                texts.put("body", a.body());
                if (a.url() != null) {
                    texts.put("url", a.url());
                }
            }
            case SEND_WEBHOOK -> WebhookPayloads.templates(a.payload(), "payload", texts::put);
            default -> {
            }
        }
        return texts;
    }

    /** Whether the template uses some {@code {event.fields.X}} (user.inactive runs have no event to read). */
    public static boolean usesEventFields(String template) {
        Matcher m = PLACEHOLDER.matcher(template == null ? "" : template);
        while (m.find()) {
            if (m.group(1).startsWith(EVENT_FIELDS) && isKnown(m.group(1))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The course {@code {course.title}} reads when the event names none: the one course of the
     * last enroll, unenroll or complete_courses action before {@code index} that names exactly
     * one ("enroll in onboarding, then email: your course is ready"); null when there is none.
     */
    public static String courseNamedBefore(List<Action> actions, int index) {
        for (int i = Math.min(index, actions.size()) - 1; i >= 0; i--) {
            Action a = actions.get(i);
            boolean courseAction = a.type() == ActionType.ENROLL || a.type() == ActionType.UNENROLL
                    || a.type() == ActionType.COMPLETE_COURSES;
            if (courseAction) {
                return a.courseIds().size() == 1 ? a.courseIds().get(0) : null;
            }
        }
        return null;
    }

    /**
     * Why {@code {course.title}} in the email at {@code index} would render empty on some trigger
     * of the automation, or null when every trigger fills it.
     */
    public static String unfilledCourse(List<Trigger> triggers, List<Action> actions, int index) {
        if (courseNamedBefore(actions, index) != null) {
            return null;
        }
        List<String> without = triggers.stream().filter(t -> !t.namesCourse())
                .map(t -> t.type().wireName()).distinct().toList();
        if (without.isEmpty()) {
            return null;
        }
        String filling = Arrays.stream(TriggerType.values()).filter(TriggerType::namesCourse)
                .map(TriggerType::wireName).collect(Collectors.joining(", "));
        return "{course.title} would be empty: " + String.join(", ", without) + " events name no course. "
                + "It is filled on " + filling + ", user.visited with courseIds, user.inactive with one course, or after an enroll, unenroll or complete_courses action "
                + "naming one course";
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
        return render(template, resolver, Measure.CODE_POINTS, Long.MAX_VALUE).orElseThrow();
    }

    /** How the size of rendered text is counted. */
    public enum Measure {
        CODE_POINTS {
            @Override
            long of(CharSequence s, int from, int to) {
                return Character.codePointCount(s, from, to);
            }
        },
        UTF8_BYTES {
            @Override
            long of(CharSequence s, int from, int to) {
                long bytes = 0;
                for (int i = from; i < to; i++) {
                    char c = s.charAt(i);
                    if (c < 0x80) {
                        bytes += 1;
                    } else if (c < 0x800) {
                        bytes += 2;
                    } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                        bytes += 4;
                        i++;
                    } else {
                        bytes += 3;
                    }
                }
                return bytes;
            }
        };

        abstract long of(CharSequence s, int from, int to);
    }

    /**
     * As {@link #render(String, Function)}, but empty as soon as the output would pass {@code max}
     * (counted by {@code measure}): each piece is measured before it is appended, so a template
     * that repeats a long value is refused without first building the oversized text.
     */
    public static Optional<String> render(String template, Function<String, String> resolver, Measure measure,
                                          long max) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder((int) Math.min(template.length() + 32L, Math.min(max, 1 << 16)));
        long size = 0;
        int tail = 0;
        while (m.find()) {
            size += measure.of(template, tail, m.start());
            if (size > max) {
                return Optional.empty();
            }
            out.append(template, tail, m.start());
            String name = m.group(1);
            String replacement = m.group();
            if (isKnown(name)) {
                String value = resolver.apply(name);
                replacement = value == null ? "" : value;
            }
            size += measure.of(replacement, 0, replacement.length());
            if (size > max) {
                return Optional.empty();
            }
            out.append(replacement);
            tail = m.end();
        }
        size += measure.of(template, tail, template.length());
        if (size > max) {
            return Optional.empty();
        }
        out.append(template, tail, template.length());
        return Optional.of(out.toString());
    }
}
