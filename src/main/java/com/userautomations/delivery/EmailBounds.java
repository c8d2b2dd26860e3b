package com.userautomations.delivery;

/**
 * How large a rendered email may be (API.md 1.1, "Rendered messages are bounded"): a longer
 * subject would not fit an SMTP header line (RFC 5322: 998), and a body past this size would
 * be stored, served by /emails and would hold a sender for as long as it takes to send.
 */
public final class EmailBounds {
    /** Code points, after merge fields. */
    public static final int MAX_SUBJECT_CHARS = 998;
    /** UTF-8 bytes, after merge fields: 256 KiB. */
    public static final int MAX_BODY_BYTES = 256 * 1024;

    private EmailBounds() {
    }
}
