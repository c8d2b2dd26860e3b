package com.userautomations.push;

import java.time.Duration;

/**
 * What became of one push attempt, whatever the channel: the outbox turns it into the row's
 * status. {@code error} is a plain sentence; {@code retryAfter} is set only when the service said when.
 */
public record PushOutcome(Kind kind, Integer statusCode, Duration retryAfter, String error) {
    public enum Kind {
        /** Accepted by the push service. */
        SENT,
        /** The subscription is gone (404, 410): failed, and the subscription is removed. */
        EXPIRED,
        /** Worth another attempt later (429, 5xx, timeout, connection error). */
        RETRY,
        /** Refused for good (any other answer). */
        FAILED
    }

    public static PushOutcome sent(int statusCode) {
        return new PushOutcome(Kind.SENT, statusCode, null, null);
    }
}
