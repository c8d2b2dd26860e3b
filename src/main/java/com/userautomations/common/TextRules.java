package com.userautomations.common;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * The format rules of API.md for ids, tags, names, emails and URLs, in one place for every
 * body, query parameter and path. Each check returns the message of what is wrong, or null.
 * Lengths count code points, everywhere.
 */
public final class TextRules {
    public static final String ID_RULE = "must be 1-128 characters of A-Z a-z 0-9 . _ : @ - (and not . or ..)";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");
    /** An address is local@domain, as the platform stores one: no display name, no list, no comment. */
    private static final Pattern EMAIL = Pattern.compile("[^@\\s\"(),:;<>\\[\\]\\\\]{1,64}@[^@\\s\"(),:;<>\\[\\]\\\\]{1,253}");
    public static final int MAX_EMAIL = 254;
    public static final int MAX_TAG = 100;

    private TextRules() {
    }

    /** Ids name path segments too, so "." and ".." (which a URL cannot address) are refused. */
    public static String id(String s) {
        return s != null && ID.matcher(s).matches() && !s.equals(".") && !s.equals("..") ? null : ID_RULE;
    }

    public static boolean isId(String s) {
        return id(s) == null;
    }

    public static String tag(String s) {
        return text(s, MAX_TAG);
    }

    /** 1..max characters (code points) and no control characters. */
    public static String text(String s, int max) {
        int length = length(s);
        if (length < 1 || length > max) {
            return "must be 1-" + max + " characters";
        }
        if (hasControl(s)) {
            return "must not contain control characters";
        }
        return null;
    }

    public static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** One rule for every email address the service takes (users, sign-ups, form leads, schools, actions). */
    public static String email(String s) {
        if (s == null || length(s) > MAX_EMAIL || hasControl(s) || !EMAIL.matcher(s).matches()) {
            return "must be one email address such as ann@example.com (no name, list or line break)";
        }
        String domain = s.substring(s.indexOf('@') + 1);
        if (domain.startsWith(".") || domain.endsWith(".") || domain.contains("..")) {
            return "must be one email address such as ann@example.com (no name, list or line break)";
        }
        return null;
    }

    public static boolean hasControl(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                return true;
            }
        }
        return false;
    }

    public static boolean hasLineBreak(String s) {
        return s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0;
    }

    /** A lone surrogate cannot be stored as UTF-8 (PostgreSQL would keep '?'): such text is refused. */
    public static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return true;
                }
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** ISO-8601 with an offset, e.g. 2026-11-28T09:30:00Z or 2026-11-28T11:30:00+02:00; null if not. */
    public static Instant instant(String s) {
        return Timestamps.parse(s);
    }
}
