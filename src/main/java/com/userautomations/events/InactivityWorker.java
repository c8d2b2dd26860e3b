package com.userautomations.events;

import com.userautomations.common.AutomationsConfig;
import com.userautomations.common.ServiceClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Starts user.inactive runs that are due, as {@link TimerWorker} resumes waits: one transaction
 * per batch of claimed rows, several workers and processes sharing them through SKIP LOCKED.
 * The poll interval (default one minute) keeps every run within 5 minutes of its moment.
 */
@ApplicationScoped
public class InactivityWorker {
    /** Batches per tick: a backlog is worked through over several ticks, not in one long one. */
    private static final int MAX_BATCHES = 100;

    private final InactivityScan scan;
    private final ServiceClock clock;
    private final int batchSize;

    public InactivityWorker(InactivityScan scan, ServiceClock clock, AutomationsConfig config) {
        this.scan = scan;
        this.clock = clock;
        this.batchSize = config.inactivity().batchSize();
    }

    @Scheduled(every = "${automations.inactivity.poll-interval:60s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        scanAt(clock.now());
    }

    /** Starts what is due at {@code now}; returns the rows settled. Tests call it with a moved clock. */
    public int scanAt(Instant now) {
        int settled = 0;
        for (int i = 0; i < MAX_BATCHES; i++) {
            int claimed = QuarkusTransaction.requiringNew().call(() -> scan.claimBatch(now, batchSize));
            settled += claimed;
            if (claimed < batchSize) {
                break;
            }
        }
        return settled;
    }
}
