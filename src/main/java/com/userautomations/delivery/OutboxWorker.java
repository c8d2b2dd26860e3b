package com.userautomations.delivery;

import com.userautomations.common.AutomationsConfig;
import com.userautomations.common.LogText;
import com.userautomations.common.ServiceClock;
import com.userautomations.common.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The one outbox: sends every channel's queued messages ({@link OutboxChannel}: email, webhook,
 * push). Each message is claimed with FOR UPDATE SKIP LOCKED and marked 'sending' before the
 * send, then settled in the same row, so several workers (or processes) never send one twice.
 * The only window for a duplicate is a crash between the other side's answer and the commit of
 * the outcome; the row then stays 'sending', and its resend after the lease is logged and noted.
 *
 * <p>Up to {@code concurrency} messages are sent at once, at most {@code concurrencyPerSchool} of
 * one school in one channel and at most the channel's {@link OutboxChannel#concurrencyPerTarget()} of one target
 * ({@link SenderSlots}). Each school's due messages of each channel take turns ({@link
 * SchoolTurns} of {@link Lane}s; a turn claims up to the school's free share in one transaction),
 * and a claim skips the targets that are full: one school's slow
 * endpoint or large backlog holds neither another school nor the school's other messages. A
 * message is claimed only when a sender is free to send it at once, so a crash leaves 'sending'
 * only the messages that were really on their way, one per sender.
 */
@ApplicationScoped
public class OutboxWorker {
    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);
    /** Lanes with due messages are read again at most this often (a query over the due part of the index). */
    private static final Duration TURNS_REFRESH = Duration.ofMillis(500);
    private static final Pattern TABLE = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    /** The state columns every channel's table has, read first at every claim. */
    private static final String STATE = "id, school_id, target, attempts";

    private final Sql sql;
    private final ServiceClock clock;
    private final OutboxMetrics metrics;
    private final Map<String, OutboxChannel<?>> channels = new LinkedHashMap<>();
    private final Duration lease;
    private final SenderSlots slots;
    private final ExecutorService senders;
    private final SchoolTurns<Lane> turns = new SchoolTurns<>();
    private final ReentrantLock dispatching = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private Instant turnsReadAt = Instant.MIN;
    private volatile boolean stopping;

    public OutboxWorker(Sql sql, @Any Instance<OutboxChannel<?>> channels, OutboxMetrics metrics,
                        AutomationsConfig config, ServiceClock clock) {
        this.sql = sql;
        this.clock = clock;
        this.metrics = metrics;
        Map<String, Integer> perTarget = new HashMap<>();
        for (OutboxChannel<?> channel : channels) {
            if (!TABLE.matcher(channel.table()).matches() || this.channels.containsKey(channel.name())) {
                throw new IllegalStateException("outbox channel " + channel.name() + ": a table name of lower-case "
                        + "letters, digits and underscores and a name of its own are required");
            }
            this.channels.put(channel.name(), channel);
            perTarget.put(channel.name(), Math.max(1, channel.concurrencyPerTarget()));
        }
        // longer than any live send can take (every channel bounds its sends by a timeout under this)
        this.lease = config.outbox().sendTimeout().multipliedBy(2).plusSeconds(5);
        int concurrency = Math.max(1, config.outbox().concurrency());
        this.slots = new SenderSlots(concurrency, Math.max(1, config.outbox().concurrencyPerSchool()), perTarget);
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "outbox-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Scheduled(every = "${automations.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        dispatch();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        senders.shutdown();
        try {
            // a send cut off here stays 'sending' and is sent again after the lease, flagged
            senders.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Messages of this channel and target being sent by this process (tests watch the bound). */
    int inFlight(String channel, String target) {
        return slots.inFlight(channel, target);
    }

    /**
     * Fills the free senders. One thread dispatches at a time; a sender that finishes while
     * another thread dispatches leaves a note, and that thread goes round once more.
     */
    private void dispatch() {
        do {
            again.set(true);
            if (!dispatching.tryLock()) {
                return;
            }
            try {
                again.set(false);
                fill();
            } catch (RuntimeException e) {
                // the next tick tries again; a claim that failed changed nothing
                LOG.warnf("the outbox could not claim messages: %s", LogText.of(e));
                return;
            } finally {
                dispatching.unlock();
            }
        } while (again.get() && !stopping);
    }

    private void fill() {
        Instant now = Instant.now();
        // what is due is read on the service clock: a message held for a send window is due at its opening
        Instant dueBy = clock.now();
        if (turns.isEmpty() || turnsReadAt.isBefore(now.minus(TURNS_REFRESH))) {
            turnsReadAt = now;
            List<Lane> lanes = new ArrayList<>();
            for (OutboxChannel<?> channel : channels.values()) {
                // one channel's failing table must not stop the others
                guarded(channel, () -> lanes.addAll(dueLanes(channel, dueBy)));
                guarded(channel, () -> claimStale(channel, now));
            }
            turns.offer(lanes);
        }
        while (slots.anyFree() && !stopping) {
            Lane lane = turns.next(l -> slots.freeFor(l.schoolId(), l.channel()));
            if (lane == null) {
                return; // nothing due, or every school that has something is at its share
            }
            OutboxChannel<?> channel = channels.get(lane.channel());
            if (!guarded(channel, () -> claimDue(channel, lane.schoolId(), dueBy))) {
                turns.done(lane); // nothing due left but for full targets: its turn comes at the next read
            }
        }
    }

    private interface Step {
        boolean run();
    }

    private boolean guarded(OutboxChannel<?> channel, Step step) {
        try {
            return step.run();
        } catch (RuntimeException e) {
            LOG.warnf("the outbox could not claim %s messages: %s", channel.name(), LogText.of(e));
            return false;
        }
    }

    /** The schools with messages of the channel due now, at most a few hundred per read (the next read brings the rest). */
    List<Lane> dueLanes(OutboxChannel<?> channel, Instant now) {
        return sql.query("SELECT DISTINCT school_id FROM " + channel.table() + " WHERE status = 'queued' "
                + "AND next_attempt_at <= ? ORDER BY school_id LIMIT 500", rs -> new Lane(channel.name(), rs.getString(1)), now);
    }

    /**
     * Claims one school's oldest due messages of this channel, as many as the school's share and
     * the free senders allow, skipping full targets and stopping at each target's limit; marks
     * them 'sending' in one transaction (one commit for a handful of messages, not one each: the
     * single dispatching thread would otherwise hold senders idle while it commits), starts them.
     * Only this thread takes slots, so the room read first can only grow until they start.
     */
    private <M> boolean claimDue(OutboxChannel<M> channel, String schoolId, Instant dueBy) {
        int room = slots.room(schoolId, channel.name());
        if (room == 0) {
            return false;
        }
        List<String> full = slots.fullTargets(channel.name());
        List<Object> params = new ArrayList<>(List.of(schoolId, dueBy));
        params.addAll(full);
        params.add(room);
        Instant now = Instant.now(); // sending_at: the lease runs on real time
        List<Claimed<M>> claimed = QuarkusTransaction.requiringNew().call(() -> {
            List<Claimed<M>> due = sql.query("SELECT " + STATE + ", " + channel.contentColumns() + " FROM "
                    + channel.table() + " WHERE status = 'queued' AND school_id = ? AND next_attempt_at <= ?"
                    + notIn(full) + " ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED",
                    rs -> new Claimed<>(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), channel.read(rs)),
                    params.toArray());
            Map<String, Integer> takenPerTarget = new HashMap<>();
            List<Claimed<M>> taken = new ArrayList<>(due.size());
            for (Claimed<M> m : due) {
                // rows past their target's limit stay queued (their lock ends with this transaction)
                if (takenPerTarget.getOrDefault(m.target(), 0) < slots.targetRoom(channel.name(), m.target())) {
                    takenPerTarget.merge(m.target(), 1, Integer::sum);
                    taken.add(sending(channel, m, now));
                }
            }
            return taken;
        });
        claimed.forEach(m -> start(channel, m));
        return !claimed.isEmpty();
    }

    /**
     * Claims messages still 'sending' after the lease (their worker died mid-send), one at a time
     * while senders are free. Each is taken again, and because the first attempt may have been
     * delivered, that is logged and noted as a possible duplicate. One at a time: a worker that
     * dies leaves only what it was sending, so one marked message per sender and crash is what
     * the mark is for (CrashIT saw a claim of 10 flag seven emails in three crashes).
     */
    private <M> boolean claimStale(OutboxChannel<M> channel, Instant now) {
        while (slots.anyFree() && !stopping) {
            List<String> full = slots.fullTargets(channel.name());
            List<Object> params = new ArrayList<>(List.of(now.minus(lease)));
            params.addAll(full);
            Claimed<M> stale = QuarkusTransaction.requiringNew().call(() -> {
                List<Claimed<M>> rows = sql.query("SELECT " + STATE + ", " + channel.contentColumns() + " FROM "
                        + channel.table() + " WHERE status = 'sending' AND sending_at <= ?" + notIn(full)
                        + " LIMIT 1 FOR UPDATE SKIP LOCKED",
                        rs -> new Claimed<>(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), channel.read(rs)),
                        params.toArray());
                if (rows.isEmpty()) {
                    return null;
                }
                Claimed<M> m = rows.get(0);
                LOG.warnf("%s %s was being sent when its worker stopped; it may have been delivered, sending it again "
                        + "(possible duplicate in the crash window)", channel.name(), m.id());
                sql.update("UPDATE " + channel.table() + " SET last_error = ? WHERE id = ?",
                        channel.possibleDuplicateNote(), m.id());
                return sending(channel, m, now);
            });
            if (stale == null) {
                return true;
            }
            start(channel, stale);
        }
        return true;
    }

    /** {@code AND target NOT IN (?, ?)} for the full targets, bound as parameters; empty when none is full. */
    private static String notIn(List<String> full) {
        return full.isEmpty() ? "" : " AND target NOT IN (" + String.join(", ", Collections.nCopies(full.size(), "?")) + ")";
    }

    private <M> Claimed<M> sending(OutboxChannel<M> channel, Claimed<M> m, Instant now) {
        sql.update("UPDATE " + channel.table() + " SET status = 'sending', sending_at = ?, attempts = attempts + 1 "
                + "WHERE id = ?", now, m.id());
        return new Claimed<>(m.id(), m.schoolId(), m.target(), m.attempts() + 1, m.message());
    }

    private <M> void start(OutboxChannel<M> channel, Claimed<M> m) {
        slots.take(channel.name(), m.schoolId(), m.target());
        metrics.started(channel.name());
        try {
            senders.execute(() -> {
                Attempt settled = null;
                try {
                    settled = deliver(channel, m);
                } catch (RuntimeException failure) {
                    // the row stays 'sending' and is taken again after the lease
                    LOG.warnf("%s %s: the outcome could not be recorded: %s", channel.name(), m.id(), LogText.of(failure));
                } finally {
                    slots.release(channel.name(), m.schoolId(), m.target());
                    metrics.ended(channel.name(), settled);
                    if (!stopping) {
                        dispatch();
                    }
                }
            });
        } catch (RejectedExecutionException stopped) {
            // shutting down: the claimed row is taken again after the lease
            slots.release(channel.name(), m.schoolId(), m.target());
            metrics.ended(channel.name(), null);
        }
    }

    /** Sends outside any transaction, then settles the outcome in the same row; the attempt as settled. */
    <M> Attempt deliver(OutboxChannel<M> channel, Claimed<M> m) {
        Attempt attempt;
        try {
            attempt = channel.send(m);
        } catch (RuntimeException failure) {
            LOG.warnf("%s %s failed (attempt %d): %s", channel.name(), m.id(), m.attempts(), LogText.of(failure));
            attempt = null;
        }
        Attempt sent = attempt == null ? Attempt.retryLater("the " + channel.name() + " could not be sent") : attempt;
        return QuarkusTransaction.requiringNew().call(() -> settle(channel, m, sent));
    }

    private <M> Attempt settle(OutboxChannel<M> channel, Claimed<M> m, Attempt attempt) {
        Instant now = Instant.now();
        String table = channel.table();
        Attempt settled = attempt;
        int changed;
        if (attempt instanceof Attempt.Delivered) {
            // the crash-window note stays, so the message shows it may have gone twice
            changed = sql.update("UPDATE " + table + " SET status = ?, last_error = CASE WHEN last_error = ? "
                    + "THEN last_error ELSE NULL END WHERE id = ? AND status = 'sending'", channel.deliveredStatus(),
                    channel.possibleDuplicateNote(), m.id());
        } else {
            Instant next = null;
            String reason;
            if (attempt instanceof Attempt.RetryLater r) {
                next = channel.retryPolicy().next(m.attempts(), now, r.notBefore()).orElse(null);
                reason = r.reason();
                if (next == null) {
                    settled = new Attempt.Failed(r.reason(), r.statusCode());
                }
            } else {
                reason = ((Attempt.Failed) attempt).reason();
            }
            changed = next == null
                    ? sql.update("UPDATE " + table + " SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sending'",
                            truncate(reason), m.id())
                    : sql.update("UPDATE " + table + " SET status = 'queued', last_error = ?, next_attempt_at = ? "
                            + "WHERE id = ? AND status = 'sending'", truncate(reason), next, m.id());
        }
        if (changed == 0) {
            return null; // taken again after the lease meanwhile: that attempt settles it
        }
        channel.settle(m, settled, now);
        return settled;
    }

    private static String truncate(String s) {
        String plain = s == null || s.isBlank() ? "the message could not be sent" : s;
        return plain.length() > 1000 ? plain.substring(0, 1000) : plain;
    }
}
