package com.userautomations.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries after fixed waits (webhooks and push): retry n comes {@code steps[n-1]} after the
 * failed attempt, up to 20% later at random so that messages failed together do not all come
 * back together, never before a Retry-After; past the last step the message fails. Tests and
 * operators shrink the steps through the channel's configuration.
 */
public record FixedSchedule(List<Duration> steps) implements RetryPolicy {
    /** 5 s, 1 min, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h: nine attempts over about 28 hours. */
    public static final List<Duration> DEFAULT_STEPS = List.of(Duration.ofSeconds(5), Duration.ofMinutes(1),
            Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5),
            Duration.ofHours(10), Duration.ofHours(10));
    private static final double MAX_LATER = 0.2;

    public FixedSchedule {
        steps = List.copyOf(steps);
        if (steps.stream().anyMatch(d -> d.isNegative())) {
            throw new IllegalArgumentException("a retry schedule's waits cannot be negative");
        }
    }

    public static FixedSchedule standard() {
        return new FixedSchedule(DEFAULT_STEPS);
    }

    /** Attempts in all: the first and one per step. */
    public int maxAttempts() {
        return steps.size() + 1;
    }

    @Override
    public Optional<Instant> next(int attempts, Instant now, Instant notBefore) {
        if (attempts < 1 || attempts > steps.size()) {
            return Optional.empty();
        }
        Duration step = steps.get(attempts - 1);
        long later = (long) (step.toMillis() * MAX_LATER * ThreadLocalRandom.current().nextDouble());
        return Optional.of(RetryPolicy.notBefore(now.plus(step).plusMillis(later), notBefore));
    }
}
