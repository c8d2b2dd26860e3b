package com.userautomations.automation;

import com.userautomations.common.Timestamps;

import java.time.Instant;
import java.util.regex.Pattern;

/** The format rules of API.md for ids, tags and free text. Each check returns an error message or null. */
final class TextRules {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private TextRules() {
    }

    static String id(String s) {
        return ID.matcher(s).matches() ? null : "must be 1-128 characters of A-Z a-z 0-9 . _ : @ -";
    }

    static String tag(String s) {
        return text(s, 100);
    }

    /** 1..max characters (code points) and no control characters. */
    static String text(String s, int max) {
        int length = s.codePointCount(0, s.length());
        if (length < 1 || length > max) {
            return "must be 1-" + max + " characters";
        }
        if (hasControl(s)) {
            return "must not contain control characters";
        }
        return null;
    }

    static boolean hasControl(String s) {
        return s.codePoints().anyMatch(cp -> Character.getType(cp) == Character.CONTROL);
    }

    static boolean looksLikeAddress(String s) {
        int at = s.lastIndexOf('@');
        return s.length() <= 254 && at > 0 && at < s.length() - 1 && !hasControl(s)
                && s.chars().noneMatch(Character::isWhitespace);
    }

    static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }

    /** ISO-8601 with an offset, e.g. 2026-11-28T09:30:00Z or 2026-11-28T11:30:00+02:00; null if not. */
    static Instant instant(String s) {
        return Timestamps.parse(s);
    }
}
