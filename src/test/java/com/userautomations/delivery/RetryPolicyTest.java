package com.userautomations.delivery;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {
    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void theFixedScheduleWaitsEachStepUpToAFifthLongerInOrderThenGivesUp() {
        FixedSchedule schedule = FixedSchedule.standard();
        assertThat(schedule.steps()).containsExactly(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofMinutes(5),
                Duration.ofMinutes(30), Duration.ofHours(2), Duration.ofHours(5), Duration.ofHours(10), Duration.ofHours(10));
        assertThat(schedule.maxAttempts()).isEqualTo(9);
        for (int round = 0; round < 200; round++) {
            Duration previous = Duration.ZERO;
            for (int attempt = 1; attempt <= 8; attempt++) {
                Duration step = schedule.steps().get(attempt - 1);
                Duration wait = Duration.between(NOW, schedule.next(attempt, NOW, null).orElseThrow());
                assertThat(wait).isBetween(step, Duration.ofMillis(step.toMillis() * 6 / 5));
                assertThat(step).as("each step at least as long as the one before").isGreaterThanOrEqualTo(previous);
                previous = step;
            }
        }
        assertThat(schedule.next(9, NOW, null)).isEmpty();
        assertThat(schedule.next(0, NOW, null)).isEmpty();
    }

    @Test
    void theJitterSpreadsTheWaits() {
        FixedSchedule schedule = FixedSchedule.standard();
        long distinct = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> schedule.next(8, NOW, null).orElseThrow()).distinct().count();
        assertThat(distinct).isGreaterThan(10);
    }

    @Test
    void neitherPolicyRetriesBeforeARetryAfter() {
        Instant later = NOW.plus(Duration.ofHours(3));
        assertThat(FixedSchedule.standard().next(1, NOW, later)).contains(later);
        assertThat(new JitteredBackoff(Duration.ofSeconds(1), 4).next(1, NOW, later)).contains(later);
        // a Retry-After sooner than the schedule does not bring the retry forward
        Instant sooner = NOW.plusMillis(1);
        assertThat(FixedSchedule.standard().next(3, NOW, sooner).orElseThrow()).isAfterOrEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @Test
    void aShrunkScheduleIsWhatTestsConfigure() {
        FixedSchedule schedule = new FixedSchedule(List.of(Duration.ofMillis(100), Duration.ofMillis(200)));
        assertThat(Duration.between(NOW, schedule.next(2, NOW, null).orElseThrow())).isBetween(Duration.ofMillis(200),
                Duration.ofMillis(240));
        assertThat(schedule.next(3, NOW, null)).isEmpty();
    }

    @Test
    void theEmailBackoffIsFullJitterUpToBaseTimesTwoToTheAttemptThenFails() {
        JitteredBackoff backoff = new JitteredBackoff(Duration.ofSeconds(10), 4);
        for (int i = 0; i < 200; i++) {
            assertThat(Duration.between(NOW, backoff.next(3, NOW, null).orElseThrow()))
                    .isBetween(Duration.ZERO, Duration.ofSeconds(40));
        }
        assertThat(backoff.next(4, NOW, null)).isEmpty();
    }
}
