package com.userautomations.backfill;

import com.userautomations.common.AutomationsConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Works the live jobs in their own worker, one short transaction per page, so events never wait
 * long for a user it holds: each tick (the poll interval, one second by default) starts at most
 * {@code automations.backfill.rate} runs and lasts about a second, which bounds the rate per process.
 */
@ApplicationScoped
public class BackfillWorker {
    static final String IDENTITY = "backfill-worker";
    /** A tick stops after about a second, as the rate is per second (dry runs have no other bound). */
    private static final long TICK_NANOS = 1_000_000_000L;

    private final BackfillRunner runner;
    private final int rate;
    private final int pageSize;

    public BackfillWorker(BackfillRunner runner, AutomationsConfig config) {
        this.runner = runner;
        this.rate = Math.max(1, config.backfill().rate());
        this.pageSize = Math.max(1, config.backfill().pageSize());
    }

    @Scheduled(identity = IDENTITY, every = "${automations.backfill.poll-interval:1s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        work();
    }

    /** One tick's work: pages until a second's runs are started, no job moves, or the second is up. */
    public void work() {
        long start = System.nanoTime();
        int budget = rate;
        while (budget > 0 && System.nanoTime() - start < TICK_NANOS) {
            int limit = Math.min(pageSize, budget);
            BackfillRunner.Step step = QuarkusTransaction.requiringNew().call(() -> runner.page(limit, pageSize));
            if (!step.found() || !step.moved()) {
                break;
            }
            budget -= step.runs();
        }
    }

    /** One page of the oldest live job, at most {@code limit} users: what a test drives step by step. */
    public boolean page(int limit) {
        return QuarkusTransaction.requiringNew().call(() -> runner.page(limit, limit)).found();
    }
}
