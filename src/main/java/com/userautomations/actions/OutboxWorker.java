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
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends queued emails. Each email is claimed with FOR UPDATE SKIP LOCKED, sent, and marked in
 * the same row and transaction, so several workers (or processes) never send one twice. The
 * only window for a duplicate is a crash between the SMTP answer and the commit.
 */
@ApplicationScoped
public class OutboxWorker {
    private static final Logger LOG = Logger.getLogger(OutboxWorker.class);
    private static final int MAX_PER_TICK = 500;

    private final Sql sql;
    private final EmailSender sender;
    private final int maxAttempts;
    private final Duration backoffBase;

    public OutboxWorker(Sql sql, EmailSender sender, AutomationsConfig config) {
        this.sql = sql;
        this.sender = sender;
        this.maxAttempts = config.outbox().maxAttempts();
        this.backoffBase = config.outbox().backoffBase();
    }

    private record Claimed(String id, String runId, int actionIndex, String to, String from, String subject,
                           String body, int attempts) {
    }

    @Scheduled(every = "${automations.outbox.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        for (int i = 0; i < MAX_PER_TICK; i++) {
            if (!QuarkusTransaction.requiringNew().call(this::sendOne)) {
                return;
            }
        }
    }

    /** Claims, sends and marks one due email; false when none is due. */
    boolean sendOne() {
        Instant now = Instant.now();
        Optional<Claimed> claimed = sql.one("SELECT id, run_id, action_index, to_address, from_address, subject, body, "
                        + "attempts FROM emails WHERE status = 'queued' AND next_attempt_at <= ? "
                        + "ORDER BY next_attempt_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                rs -> new Claimed(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getInt(8)), now);
        if (claimed.isEmpty()) {
            return false;
        }
        Claimed e = claimed.get();
        int attempts = e.attempts() + 1;
        try {
            sender.send(e.from(), e.to(), e.subject(), e.body());
            sql.update("UPDATE emails SET status = 'sent', attempts = ?, sent_at = ?, last_error = NULL WHERE id = ?",
                    attempts, Instant.now(), e.id());
        } catch (RuntimeException failure) {
            String error = failure.getClass().getSimpleName() + ": " + failure.getMessage();
            LOG.warnf("email %s to %s failed (attempt %d of %d): %s", e.id(), e.to(), attempts, maxAttempts, error);
            if (attempts >= maxAttempts) {
                sql.update("UPDATE emails SET status = 'failed', attempts = ?, last_error = ? WHERE id = ?",
                        attempts, truncate(error), e.id());
            } else {
                sql.update("UPDATE emails SET attempts = ?, last_error = ?, next_attempt_at = ? WHERE id = ?",
                        attempts, truncate(error), now.plus(backoff(attempts)), e.id());
            }
        }
        RunActions.refreshEmailAction(sql, e.runId(), e.actionIndex());
        return true;
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
