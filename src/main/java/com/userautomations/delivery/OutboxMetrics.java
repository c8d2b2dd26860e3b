package com.userautomations.delivery;

import com.userautomations.common.LogText;
import com.userautomations.common.Sql;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The outbox in /q/metrics, per channel tag: outbox_queued and outbox_oldest_queued_seconds
 * (the age of the oldest due message: how far behind the outbox is) from the database,
 * outbox_in_flight, outbox_delivered_total and outbox_failed_total (failed for good) of this
 * process. The database is read by the scheduler every {@code automations.outbox.metrics-interval}
 * and the gauges show that reading, so a scrape never waits for a query.
 */
@ApplicationScoped
public class OutboxMetrics {
    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    private static final class Series {
        final AtomicInteger inFlight = new AtomicInteger();
        volatile double queued;
        volatile double oldestSeconds;
        Counter delivered;
        Counter failed;
    }

    private final Sql sql;
    private final Map<String, Series> byChannel = new HashMap<>();
    private final Map<String, String> tables = new HashMap<>();

    public OutboxMetrics(Sql sql, MeterRegistry registry, @Any Instance<OutboxChannel<?>> channels) {
        this.sql = sql;
        for (OutboxChannel<?> channel : channels) {
            Series s = new Series();
            String name = channel.name();
            Gauge.builder("outbox.queued", s, x -> x.queued).tag("channel", name)
                    .description("Messages queued (due or waiting for a retry)").register(registry);
            Gauge.builder("outbox.oldest.queued.seconds", s, x -> x.oldestSeconds).tag("channel", name)
                    .description("Age of the oldest queued message that is due").register(registry);
            Gauge.builder("outbox.in.flight", s, x -> x.inFlight.get()).tag("channel", name)
                    .description("Messages being sent by this process").register(registry);
            s.delivered = Counter.builder("outbox.delivered").tag("channel", name)
                    .description("Messages delivered by this process").register(registry);
            s.failed = Counter.builder("outbox.failed").tag("channel", name)
                    .description("Messages failed for good by this process").register(registry);
            byChannel.put(name, s);
            tables.put(name, channel.table());
        }
    }

    void started(String channel) {
        series(channel).inFlight.incrementAndGet();
    }

    void ended(String channel, Attempt settled) {
        Series s = series(channel);
        s.inFlight.decrementAndGet();
        if (settled instanceof Attempt.Delivered) {
            s.delivered.increment();
        } else if (settled instanceof Attempt.Failed) {
            s.failed.increment();
        }
    }

    @Scheduled(every = "${automations.outbox.metrics-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void refresh() {
        Instant now = Instant.now();
        tables.forEach((channel, table) -> {
            try {
                record Reading(long queued, Instant oldestDue) {
                }
                Reading r = QuarkusTransaction.requiringNew().call(() -> sql.one("SELECT COUNT(*), MIN(CASE WHEN "
                        + "next_attempt_at <= ? THEN created_at END) AS oldest_due FROM " + table + " WHERE status = 'queued'",
                        rs -> new Reading(rs.getLong(1), Sql.instant(rs, "oldest_due")), now).orElseThrow());
                Series s = byChannel.get(channel);
                s.queued = r.queued();
                s.oldestSeconds = r.oldestDue() == null ? 0
                        : Math.max(0, Duration.between(r.oldestDue(), now).toMillis() / 1000.0);
            } catch (RuntimeException e) {
                // the gauges keep their last reading; the next refresh tries again
                LOG.debugf("outbox metrics for %s not read: %s", channel, LogText.of(e));
            }
        });
    }

    private Series series(String channel) {
        return byChannel.get(channel);
    }
}
