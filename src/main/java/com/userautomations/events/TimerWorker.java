package com.userautomations.events;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * Resumes waiting runs when they are due. Timers are rows (runs.resume_at), so they survive
 * restarts; each resumption is one transaction that claims its run with SKIP LOCKED, so
 * several workers or processes never resume a run twice.
 */
@ApplicationScoped
public class TimerWorker {
    private static final int MAX_PER_TICK = 500;

    private final RunResumer resumer;

    public TimerWorker(RunResumer resumer) {
        this.resumer = resumer;
    }

    @Scheduled(every = "${automations.timers.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (int i = 0; i < MAX_PER_TICK; i++) {
            if (!QuarkusTransaction.requiringNew().call(() -> resumer.resumeOne(Instant.now()))) {
                return;
            }
        }
    }
}
