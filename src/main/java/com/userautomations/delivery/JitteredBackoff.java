package com.userautomations.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter (the emails' policy): retry n waits a random time up to
 * base * 2^(n-1), so a crowd of failures spreads out instead of coming back together; after
 * {@code maxAttempts} the message fails.
 */
public record JitteredBackoff(Duration base, int maxAttempts) implements RetryPolicy {
    @Override
    public Optional<Instant> next(int attempts, Instant now, Instant notBefore) {
        if (attempts >= maxAttempts) {
            return Optional.empty();
        }
        return Optional.of(RetryPolicy.notBefore(now.plus(delay(attempts)), notBefore));
    }

    Duration delay(int attempt) {
        long cap = base.toMillis() * (1L << Math.min(Math.max(attempt, 1) - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(cap, 1) + 1));
    }
}
