package com.userautomations.common;

/**
 * Makes user text safe to put in a log line: control characters (CR and LF above all, which
 * would let a value forge a line of its own) and the other invisible formatting characters are
 * written as {@code \\uXXXX}, backslashes are doubled, and very long values are cut. Every log
 * statement that carries a value a client sent goes through {@link #of}.
 */
public final class LogText {
    private static final int MAX = 200;

    private LogText() {
    }

    public static String of(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        StringBuilder out = new StringBuilder(Math.min(text.length(), MAX) + 16);
        int i = 0;
        int shown = 0;
        while (i < text.length() && shown < MAX) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            if (cp == '\\') {
                out.append("\\\\");
            } else if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                for (char c : Character.toChars(cp)) {
                    out.append(String.format("\\u%04x", (int) c));
                }
            } else {
                out.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
            shown++;
        }
        if (i < text.length()) {
            out.append("...(").append(text.codePointCount(i, text.length())).append(" more)");
        }
        return out.toString();
    }
}
