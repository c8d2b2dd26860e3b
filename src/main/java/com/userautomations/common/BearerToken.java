package com.userautomations.common;

/** The token of an {@code Authorization: Bearer <token>} header, the one way it is read. */
final class BearerToken {
    private BearerToken() {
    }

    /** The token, or null when the header is absent, of another scheme, or empty. */
    static String of(String header) {
        if (header == null) {
            return null;
        }
        String h = header.trim();
        if (h.length() > 7 && h.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String token = h.substring(7).trim();
            return token.isEmpty() ? null : token;
        }
        return null;
    }
}
