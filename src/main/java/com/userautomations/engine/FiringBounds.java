package com.userautomations.engine;

import java.time.Duration;

/**
 * How far the analysts' rules may go for one event: at most {@code maxFirings} firings of all
 * their rules together, and at most {@code maxTime} from the start of the firing to its end.
 * A rule set over either bound is stopped ({@link RuleStopped}).
 */
public record FiringBounds(int maxFirings, Duration maxTime) {
    /** The bounds of the service's defaults (AUTOMATIONS_ANALYST_MAX_FIRINGS, _MAX_TIME). */
    public static final FiringBounds DEFAULT = new FiringBounds(1000, Duration.ofSeconds(2));

    public FiringBounds {
        if (maxFirings < 1 || maxTime == null || maxTime.isNegative() || maxTime.isZero()) {
            throw new IllegalArgumentException("maxFirings >= 1 and maxTime > 0");
        }
    }

    /** The time bound as people say it: "2 s", "500 ms". */
    public String timeText() {
        long ms = maxTime.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
    }
}
