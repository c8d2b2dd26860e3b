package com.userautomations.directory;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.time.Duration;

/**
 * A school's frequency cap: at most {@code max} messages to one user within any {@code per}
 * (an ISO-8601 duration, kept as the school wrote it, {@code PT1H} to {@code P30D}).
 */
public record FrequencyCap(int max, String per) {
    public static final int MAX = 1000;
    public static final Duration SHORTEST = Duration.ofHours(1);
    public static final Duration LONGEST = Duration.ofDays(30);

    @JsonIgnore
    public Duration period() {
        return Duration.parse(per);
    }
}
