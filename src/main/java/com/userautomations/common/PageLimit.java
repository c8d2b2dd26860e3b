package com.userautomations.common;

/** The `limit` query parameter of list endpoints: text in, a checked number out. */
public final class PageLimit {
    public static final int DEFAULT = 100;
    public static final int MAX = 1000;

    private PageLimit() {
    }

    /** Query parameters arrive as text: a bad number is a 422 here, not JAX-RS's 404. */
    public static int parse(String limit) {
        if (limit == null || limit.isEmpty()) {
            return DEFAULT;
        }
        try {
            int n = Integer.parseInt(limit);
            if (n >= 1 && n <= MAX) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ApiException.invalid("limit", "must be a whole number between 1 and " + MAX);
    }
}
