package com.userautomations.support;

import com.userautomations.common.ServiceClock;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The service clock in @QuarkusTest: the real time unless a test moves it (then it runs on
 * from there), so a test can open a send window without waiting for it. Tests that move it
 * put it back with {@link #reset()}.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class MovableClock extends ServiceClock {
    private static volatile Duration offset = Duration.ZERO;

    /** From now on the clock reads {@code at}, and runs on from there. */
    public static void moveTo(Instant at) {
        offset = Duration.between(Instant.now(), at);
    }

    public static void reset() {
        offset = Duration.ZERO;
    }

    @Override
    public Instant now() {
        return Instant.now().plus(offset).truncatedTo(ChronoUnit.MICROS);
    }
}
