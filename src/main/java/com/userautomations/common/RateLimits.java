package com.userautomations.common;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The per-school rate limit of API.md 1.1: a token bucket per school (its keys together), in
 * this process, refilled at AUTOMATIONS_RATE_LIMIT tokens a second up to twice that. The map is
 * keyed by authenticated schools only, so a client cannot grow it.
 */
@ApplicationScoped
public class RateLimits {
    private final int perSecond;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimits(AutomationsConfig config) {
        this.perSecond = config.rateLimit();
    }

    /** Takes one request of the school's allowance, or throws 429 with the seconds to wait. */
    public void take(String schoolId) {
        if (perSecond <= 0) {
            return;
        }
        ConsumptionProbe probe = buckets.computeIfAbsent(schoolId, s -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            throw ApiException.tooManyRequests((int) Math.min(seconds, 3600));
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(2L * perSecond).refillGreedy(perSecond, Duration.ofSeconds(1)).build())
                .build();
    }
}
