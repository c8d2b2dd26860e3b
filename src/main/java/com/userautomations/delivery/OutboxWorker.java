package com.userautomations.delivery;

import com.userautomations.common.AutomationsConfig;
import com.userautomations.common.LogText;
import com.userautomations.common.Sql;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Sends queued emails. Each email is claimed with FOR UPDATE SKIP LOCKED and marked 'sending'
 * before the SMTP call, then 'sent' in the same row, so several workers (or processes) never
 * send one twice. The only window for a duplicate is a crash between the SMTP answer and the
 * commit of 'sent'; the row then stays 'sending', and its resend after the lease is logged.
 *
 * <p>Up to {@code concurrency} emails are sent at once, at most {@code concurrencyPerSchool} of
 * one school, and schools with due emails take turns ({@link SchoolTurns}): one school's slow
 * SMTP sends or large backlog cannot hold back another school's emails. An email is claimed only
 * when a sender is free to send it at once, so a crash leaves 'sending' only the emails that
 * were really on their way, one per sender.
 */
@ApplicationScoped
public class OutboxWorker {
    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);
    static final String CRASH_NOTE = "a worker stopped while sending this email; sent again (possible duplicate)";
    /** Schools with due emails are read again at most this often (a query over the due part of the index). */
    private static final Duration TURNS_REFRESH = Duration.ofMillis(500);

    private final Sql sql;
    private final EmailSender sender;
    private final Event<EmailSettled> settled;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration lease;
    private final SenderSlots slots;
    private final ExecutorService senders;
    private final SchoolTurns turns = new SchoolTurns();
    private final ReentrantLock dispatching = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private Instant turnsReadAt = Instant.MIN;
    private volatile boolean stopping;

    public OutboxWorker(Sql sql, EmailSender sender, Event<EmailSettled> settled, AutomationsConfig config) {
        this.sql = sql;
        this.sender = sender;
        this.settled = settled;
        this.maxAttempts = config.outbox().maxAttempts();
        this.backoffBase = config.outbox().backoffBase();
        // longer than any live send can take (the send is bounded by the send timeout)
        this.lease = config.outbox().sendTimeout().multipliedBy(2).plusSeconds(5);
        int concurrency = Math.max(1, config.outbox().concurrency());
        this.slots = new SenderSlots(concurrency, Math.max(1, config.outbox().concurrencyPerSchool()));
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(concurrency, r -> {
            Thread t = new Thread(r, "outbox-sender-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    private record Claimed(String id, String schoolId, String runId, int actionIndex, String to, String from,
                           String subject, String body, int attempts) {
        /** As it is once claimed: the claim counts an attempt. */
        Claimed nextAttempt() {
            return new Claimed(id, schoolId, runId, actionIndex, to, from, subject, body, attempts + 1);
        }
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
                LOG.warnf("the outbox could not claim emails: %s", LogText.of(e));
                return;
            } finally {
                dispatching.unlock();
            }
        } while (again.get() && !stopping);
    }

    private void fill() {
        Instant now = Instant.now();
        if (turns.isEmpty() || turnsReadAt.isBefore(now.minus(TURNS_REFRESH))) {
            turnsReadAt = now;
            turns.offer(dueSchools(now));
            while (slots.anyFree() && !stopping) {
                Claimed stale = QuarkusTransaction.requiringNew().call(() -> claimStale(now));
                if (stale == null) {
                    break;
                }
                start(stale);
            }
        }
        while (slots.anyFree() && !stopping) {
            String school = turns.next(slots::freeFor);
            if (school == null) {
                return; // no due email, or every school that has one is at its share
            }
            Claimed e = QuarkusTransaction.requiringNew().call(() -> claimDue(school, now));
            if (e == null) {
                turns.done(school);
            } else {
                start(e);
            }
        }
    }

    private void start(Claimed e) {
        slots.take(e.schoolId());
        try {
            senders.execute(() -> {
                try {
                    deliver(e);
                } catch (RuntimeException failure) {
                    // the row stays 'sending' and is taken again after the lease
                    LOG.warnf("email %s: the outcome could not be recorded: %s", e.id(), LogText.of(failure));
                } finally {
                    slots.release(e.schoolId());
                    if (!stopping) {
                        dispatch();
                    }
                }
            });
        } catch (RejectedExecutionException stopped) {
            slots.release(e.schoolId()); // shutting down: the claimed row is taken again after the lease
        }
    }

    /** The schools with emails due now, at most a few hundred per read (the next read brings the rest). */
    List<String> dueSchools(Instant now) {
        return sql.query("SELECT DISTINCT school_id FROM emails WHERE status = 'queued' AND next_attempt_at <= ? "
                + "ORDER BY school_id LIMIT 500", rs -> rs.getString(1), now);
    }

    /** Claims one school's oldest due email and marks it 'sending' (committed before any SMTP call). */
    Claimed claimDue(String schoolId, Instant now) {
        List<Claimed> due = sql.query("SELECT " + COLUMNS + " FROM emails WHERE status = 'queued' AND school_id = ? "
                + "AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                OutboxWorker::claimed, schoolId, now);
        return due.isEmpty() ? null : sending(due.get(0), now);
    }

    /**
     * Claims one email still 'sending' after the lease: its worker died mid-send. It is taken
     * again, and because the first attempt may have been delivered, that is logged and noted as a
     * possible duplicate. One at a time: a worker that dies leaves only what it was sending, so
     * one marked email per sender and crash is what the mark is for (CrashIT saw a claim of 10
     * flag seven emails in three crashes).
     */
    Claimed claimStale(Instant now) {
        List<Claimed> stale = sql.query("SELECT " + COLUMNS + " FROM emails WHERE status = 'sending' AND sending_at <= ? "
                + "LIMIT 1 FOR UPDATE SKIP LOCKED", OutboxWorker::claimed, now.minus(lease));
        if (stale.isEmpty()) {
            return null;
        }
        Claimed e = stale.get(0);
        LOG.warnf("email %s was being sent when its worker stopped; it may have been delivered, sending it again "
                + "(possible duplicate in the crash window)", e.id());
        sql.update("UPDATE emails SET last_error = ? WHERE id = ?", CRASH_NOTE, e.id());
        return sending(e, now);
    }

    private Claimed sending(Claimed e, Instant now) {
        sql.update("UPDATE emails SET status = 'sending', sending_at = ?, attempts = attempts + 1 WHERE id = ?", now, e.id());
        return e.nextAttempt();
    }

    private static final String COLUMNS =
            "id, school_id, run_id, action_index, to_address, from_address, subject, body, attempts";

    private static Claimed claimed(ResultSet rs) throws SQLException {
        return new Claimed(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9));
    }

    /** Sends outside any transaction, then records the outcome in the same row. */
    void deliver(Claimed e) {
        String error = null;
        boolean delivered = false;
        try {
            delivered = sender.send(e.from(), e.to(), e.subject(), e.body());
        } catch (EmailNotSent failure) {
            // the row keeps the plain reason; the server's words, its address and the classes go to the log
            error = failure.getMessage();
            LOG.warnf("email %s to %s failed (attempt %d of %d): %s; %s", e.id(), LogText.of(e.to()), e.attempts(),
                    maxAttempts, error, LogText.of(failure.detail()));
        } catch (RuntimeException failure) {
            error = "the email could not be sent";
            LOG.warnf("email %s to %s failed (attempt %d of %d): %s", e.id(), LogText.of(e.to()), e.attempts(),
                    maxAttempts, LogText.of(failure));
        }
        String failure = error;
        boolean reached = delivered;
        QuarkusTransaction.requiringNew().run(() -> record(e, failure, reached));
    }

    private void record(Claimed e, String error, boolean delivered) {
        Instant now = Instant.now();
        if (error == null) {
            // the crash-window note stays, so /emails shows which emails may have gone twice
            sql.update("UPDATE emails SET status = 'sent', sent_at = ?, delivered = ?, last_error = CASE WHEN last_error LIKE ? "
                    + "THEN last_error ELSE NULL END WHERE id = ? AND status = 'sending'", now, delivered, CRASH_NOTE + "%",
                    e.id());
        } else if (e.attempts() >= maxAttempts) {
            sql.update("UPDATE emails SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sending'",
                    truncate(error), e.id());
        } else {
            sql.update("UPDATE emails SET status = 'queued', last_error = ?, next_attempt_at = ? WHERE id = ? "
                    + "AND status = 'sending'", truncate(error), now.plus(backoff(e.attempts())), e.id());
        }
        settled.fire(new EmailSettled(e.runId(), e.actionIndex()));
    }

    /** Exponential backoff with full jitter: a random delay up to base * 2^(attempt-1). */
    Duration backoff(int attempt) {
        long cap = backoffBase.toMillis() * (1L << Math.min(attempt - 1, 20));
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(Math.max(cap, 1) + 1));
    }

    private static String truncate(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) : s;
    }
}
