package com.userautomations.bench.load;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one mode measured: request latencies (microseconds, HdrHistogram, 3 significant
 * digits), events answered and refused, runs the answers reported, and a few sample errors.
 */
final class Measurement {
    private final Histogram latencyMicros = new ConcurrentHistogram(3_600_000_000L, 3);
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong runs = new AtomicLong();
    private final Map<String, String> sampleErrors = new ConcurrentHashMap<>();
    private volatile long startNanos;
    private volatile long endNanos;

    void start() {
        startNanos = System.nanoTime();
    }

    void end() {
        endNanos = System.nanoTime();
    }

    void request(long micros) {
        requests.incrementAndGet();
        latencyMicros.recordValue(Math.max(0, Math.min(micros, latencyMicros.getHighestTrackableValue())));
    }

    void answered(int eventCount, int runCount) {
        events.addAndGet(eventCount);
        runs.addAndGet(runCount);
    }

    void error(String kind, String detail) {
        errors.incrementAndGet();
        if (sampleErrors.size() < 5) {
            sampleErrors.putIfAbsent(kind, detail.length() > 300 ? detail.substring(0, 300) : detail);
        }
    }

    double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    long events() {
        return events.get();
    }

    long errors() {
        return errors.get();
    }

    long requests() {
        return requests.get();
    }

    long runs() {
        return runs.get();
    }

    double percentileMillis(double p) {
        return latencyMicros.getValueAtPercentile(p) / 1000.0;
    }

    double maxMillis() {
        return latencyMicros.getMaxValue() / 1000.0;
    }

    Map<String, String> sampleErrors() {
        return sampleErrors;
    }
}
