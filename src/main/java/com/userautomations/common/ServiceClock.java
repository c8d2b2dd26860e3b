package com.userautomations.common;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The time messages are created, paced and claimed at (send windows, frequency caps, the
 * outbox's due check). A bean so tests can move it (a test alternative) instead of waiting
 * for a window to open.
 */
@ApplicationScoped
public class ServiceClock {
    /** Now, to the microsecond, as {@link Timestamps#now()}. */
    public Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
