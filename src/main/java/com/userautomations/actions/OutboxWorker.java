package com.userautomations.actions;

import com.userautomations.common.AutomationsConfig;
import com.userautomations.common.Sql;
import com.userautomations.mail.EmailSender;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends queued emails. Each email is claimed with FOR UPDATE SKIP LOCKED and marked 'sending'
 * before the SMTP call, then 'sent' in the same row, so several workers (or processes) never
 * send one twice. The only window for a duplicate is a crash between the SMTP answer and the
 * commit of 'sent'; the row then stays 'sending', and its resend after the lease is logged.
 */
@ApplicationScoped
public class OutboxWorker {
    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);
    private static final int MAX_PER_TICK = 500;
    private static final int CLAIM = 1;
    static final String CRASH_NOTE = "a worker stopped while sending this email; sent again (possible duplicate)";

    private final Sql sql;
    private final EmailSender sender;
    private final int maxAttempts;
    private final Duration backoffBase;
    private final Duration lease;

    public OutboxWorker(Sql sql, EmailSender sender, AutomationsConfig config) {
        this.sql = sql;
        this.sender = sender;
        this.maxAttempts = config.outbox().maxAttempts();
        this.backoffBase = config.outbox().backoffBase();
        // longer than any live send can take (the send is bounded by the send timeout)
        this.lease = config.outbox().sendTimeout().multipliedBy(2).plusSeconds(5);
    }

    private record Claimed(String id, String runId, int actionIndex, String to, String from, String subject,
                           String body, int attempts) {
        /** As it is once claimed: the claim counts an attempt. */
        Claimed nextAttempt() {
            return new Claimed(id, runId, actionIndex, to, from, subject, body, attempts + 1);
        }
    }

    @Scheduled(every = "${automations.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        int sent = 0;
        while (sent < MAX_PER_TICK) {
            List<Claimed> claimed = QuarkusTransaction.requiringNew().call(() -> claim(Instant.now(), CLAIM));
            if (claimed.isEmpty()) {
                return;
            }
            for (Claimed e : claimed) {
                deliver(e);
            }
            sent += claimed.size();
        }
    }

    /**
     * Claims up to {@code limit} due emails and marks them 'sending' (committed before any SMTP
     * call): two statements and a commit for the lot. A row still 'sending' after the lease
     * belongs to a worker that died mid-send: it is taken again, and because the first attempt
     * may have been delivered, that is logged as a possible duplicate.
     *
     * <p>The queued and the stale rows are read by two queries, not one with an OR: each then
     * walks the (status, next_attempt_at) index instead of sorting the whole table, which grows
     * with every email ever sent. The worker claims one email at a time ({@value #CLAIM}): a
     * worker that dies leaves its whole claim 'sending', and every email of it would then be
     * resent marked "possible duplicate", also those it never got to (CrashIT saw a claim of 10
     * flag seven emails in three crashes). One marked email per crash is what the mark is for.
     */
    List<Claimed> claim(Instant now, int limit) {
        List<Claimed> due = new ArrayList<>(sql.query("SELECT " + COLUMNS + " FROM emails WHERE status = 'queued' "
                + "AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ? FOR UPDATE SKIP LOCKED", OutboxWorker::claimed,
                now, limit));
        List<Claimed> stale = sql.query("SELECT " + COLUMNS + " FROM emails WHERE status = 'sending' AND sending_at <= ? "
                + "LIMIT ? FOR UPDATE SKIP LOCKED", OutboxWorker::claimed, now.minus(lease), limit);
        List<Object[]> crashed = new ArrayList<>();
        for (Claimed e : stale) {
            LOG.warnf("email %s was being sent when its worker stopped; it may have been delivered, sending it again "
                    + "(possible duplicate in the crash window)", e.id());
            crashed.add(new Object[]{CRASH_NOTE, e.id()});
            due.add(e);
        }
        if (due.isEmpty()) {
            return List.of();
        }
        if (!crashed.isEmpty()) {
            sql.batch("UPDATE emails SET last_error = ? WHERE id = ?", crashed);
        }
        List<Object[]> sending = new ArrayList<>(due.size());
        List<Claimed> out = new ArrayList<>(due.size());
        for (Claimed e : due) {
            sending.add(new Object[]{now, e.id()});
            out.add(e.nextAttempt());
        }
        sql.batch("UPDATE emails SET status = 'sending', sending_at = ?, attempts = attempts + 1 WHERE id = ?", sending);
        return out;
    }

    private static final String COLUMNS = "id, run_id, action_index, to_address, from_address, subject, body, attempts";

    private static Claimed claimed(ResultSet rs) throws SQLException {
        return new Claimed(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getInt(8));
    }

    /** Sends outside any transaction, then records the outcome in the same row. */
    void deliver(Claimed e) {
        String error = null;
        try {
            sender.send(e.from(), e.to(), e.subject(), e.body());
        } catch (RuntimeException failure) {
            error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            LOG.warnf("email %s to %s failed (attempt %d of %d): %s", e.id(), e.to(), e.attempts(), maxAttempts, error);
        }
        String failure = error;
        QuarkusTransaction.requiringNew().run(() -> record(e, failure));
    }

    private void record(Claimed e, String error) {
        Instant now = Instant.now();
        if (error == null) {
            // the crash-window note stays, so /emails shows which emails may have gone twice
            sql.update("UPDATE emails SET status = 'sent', sent_at = ?, last_error = CASE WHEN last_error LIKE ? "
                    + "THEN last_error ELSE NULL END WHERE id = ? AND status = 'sending'", now, CRASH_NOTE + "%", e.id());
        } else if (e.attempts() >= maxAttempts) {
            sql.update("UPDATE emails SET status = 'failed', last_error = ? WHERE id = ? AND status = 'sending'",
                    truncate(error), e.id());
        } else {
            sql.update("UPDATE emails SET status = 'queued', last_error = ?, next_attempt_at = ? WHERE id = ? "
                    + "AND status = 'sending'", truncate(error), now.plus(backoff(e.attempts())), e.id());
        }
        RunActions.refreshEmailAction(sql, e.runId(), e.actionIndex());
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
