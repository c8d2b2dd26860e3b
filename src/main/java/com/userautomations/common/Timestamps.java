package com.userautomations.common;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * ISO-8601 timestamps with an offset, limited to years 0001-9999: what both databases can store
 * and what any school means. A year such as +294277 parses in Java but not in PostgreSQL.
 */
public final class Timestamps {
    public static final Instant MIN = Instant.parse("0001-01-01T00:00:00Z");
    public static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");
    public static final String RULE = "must be an ISO-8601 timestamp with an offset between years 0001 and 9999, "
            + "such as 2026-11-28T09:30:00Z";

    private Timestamps() {
    }

    /**
     * Now, to the microsecond: what both databases store, so an answer written at save time
     * equals what a later read gives (and a client may send it back in a PUT).
     */
    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The instant, or null when the text is not a timestamp in range. */
    public static Instant parse(String text) {
        try {
            Instant instant = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            return instant.isBefore(MIN) || instant.isAfter(MAX) ? null : instant;
        } catch (DateTimeException e) {
            return null;
        }
    }
}
