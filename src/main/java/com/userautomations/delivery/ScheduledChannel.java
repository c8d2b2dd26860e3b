package com.userautomations.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An outbox channel retried on a {@link FixedSchedule} (webhooks, pushes). Its constant part
 * (name, table, delivered status, per-target limit, schedule) is one {@link Setup}, made in the
 * channel's constructor; the channel writes only what it reads, sends and settles.
 *
 * @param <M> what the channel reads from its content columns and sends
 */
public interface ScheduledChannel<M> extends OutboxChannel<M> {
    /** What {@link OutboxChannel} asks of every channel and is a constant for this one. */
    record Setup(String name, String table, String deliveredStatus, int concurrencyPerTarget, FixedSchedule schedule) {
        /**
         * At least one message in flight per target; {@code retrySchedule} is
         * {@code automations.webhooks.retry-schedule} (pushes are retried as webhooks are), the
         * standard schedule when it is not set.
         */
        public static Setup of(String name, String table, String deliveredStatus, int concurrency,
                               Optional<List<Duration>> retrySchedule) {
            return new Setup(name, table, deliveredStatus, Math.max(1, concurrency),
                    retrySchedule.map(FixedSchedule::new).orElseGet(FixedSchedule::standard));
        }
    }

    Setup setup();

    @Override
    default String name() {
        return setup().name();
    }

    @Override
    default String table() {
        return setup().table();
    }

    @Override
    default String deliveredStatus() {
        return setup().deliveredStatus();
    }

    @Override
    default int concurrencyPerTarget() {
        return setup().concurrencyPerTarget();
    }

    @Override
    default RetryPolicy retryPolicy() {
        return setup().schedule();
    }
}
