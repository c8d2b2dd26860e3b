package com.userautomations.delivery;

import java.time.Duration;

/**
 * How long an HTTP channel (webhooks, pushes) waits for an answer: 15 s to the last header byte
 * (API.md), or less when the outbox's send timeout is shorter, since a send must end within it
 * (the lease after which another worker takes a 'sending' message is built on it) and the
 * guarded client takes up to 2 s more to read the start of the answer.
 */
public final class AnswerTimeout {
    public static final Duration CONTRACT = Duration.ofSeconds(15);
    private static final Duration READING = Duration.ofSeconds(3);
    private static final Duration AT_LEAST = Duration.ofSeconds(1);

    private AnswerTimeout() {
    }

    public static Duration within(Duration sendTimeout) {
        Duration fits = sendTimeout.minus(READING);
        if (fits.compareTo(CONTRACT) >= 0) {
            return CONTRACT;
        }
        return fits.compareTo(AT_LEAST) < 0 ? AT_LEAST : fits;
    }
}
