package com.userautomations.push;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * A push service's answer as an outcome (API.md "Web push"): 2xx sent; 404 and 410 the
 * subscription has expired; 429 and 5xx retried, after Retry-After when given; anything else failed.
 */
public final class WebPushAnswers {
    private WebPushAnswers() {
    }

    public static PushOutcome outcome(int status, String retryAfter, Instant now) {
        if (status >= 200 && status < 300) {
            return PushOutcome.sent(status);
        }
        if (status == 404 || status == 410) {
            return new PushOutcome(PushOutcome.Kind.EXPIRED, status, null, "the subscription has expired");
        }
        if (status == 429 || status >= 500 && status < 600) {
            return new PushOutcome(PushOutcome.Kind.RETRY, status, retryAfter(retryAfter, now),
                    "the push service answered " + status);
        }
        return new PushOutcome(PushOutcome.Kind.FAILED, status, null, "the push service refused the push with " + status);
    }

    /** Retry-After as delta-seconds or an HTTP date (RFC 9110 section 10.2.3); null when absent or unreadable. */
    static Duration retryAfter(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        if (v.chars().allMatch(Character::isDigit) && v.length() <= 9) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
