package com.userautomations.delivery;

import com.userautomations.common.AutomationsConfig;
import com.userautomations.common.LogText;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import org.jboss.logging.Logger;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The outbox's email channel: rows of {@code emails}, sent over SMTP by {@link EmailSender}. All
 * emails have one target, the configured mail server ({@link #SMTP}), bounded by
 * {@code automations.outbox.concurrency-per-smtp-server}. Every failure is worth a retry
 * ({@link JitteredBackoff}, {@code automations.outbox.max-attempts}); every settled attempt
 * fires {@link EmailSettled}.
 */
@ApplicationScoped
public class EmailChannel implements OutboxChannel<OutgoingEmail> {
    private static final Logger LOG = Logger.getLogger(EmailChannel.class);
    /** The target of every email: the one mailer the service is configured with (V10's default). */
    static final String SMTP = "smtp";
    static final String CRASH_NOTE = "a worker stopped while sending this email; sent again (possible duplicate)";

    private final Sql sql;
    private final EmailSender sender;
    private final Event<EmailSettled> settled;
    private final JitteredBackoff retries;
    private final int perServer;

    public EmailChannel(Sql sql, EmailSender sender, Event<EmailSettled> settled, AutomationsConfig config) {
        this.sql = sql;
        this.sender = sender;
        this.settled = settled;
        this.retries = new JitteredBackoff(config.outbox().backoffBase(), config.outbox().maxAttempts());
        this.perServer = config.outbox().concurrencyPerSmtpServer();
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public String table() {
        return "emails";
    }

    @Override
    public String deliveredStatus() {
        return "sent";
    }

    @Override
    public String contentColumns() {
        return "run_id, action_index, to_address, from_address, subject, body";
    }

    @Override
    public OutgoingEmail read(ResultSet rs) throws SQLException {
        return new OutgoingEmail(rs.getString("run_id"), rs.getInt("action_index"), rs.getString("to_address"),
                rs.getString("from_address"), rs.getString("subject"), rs.getString("body"));
    }

    @Override
    public int concurrencyPerTarget() {
        return perServer;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retries;
    }

    @Override
    public String possibleDuplicateNote() {
        return CRASH_NOTE;
    }

    @Override
    public Attempt send(Claimed<OutgoingEmail> claimed) {
        OutgoingEmail e = claimed.message();
        try {
            sender.send(e.from(), e.to(), e.subject(), e.body());
            return Attempt.delivered();
        } catch (EmailNotSent failure) {
            // the row keeps the plain reason; the server's words, its address and the classes go to the log
            LOG.warnf("email %s to %s failed (attempt %d of %d): %s; %s", claimed.id(), LogText.of(e.to()),
                    claimed.attempts(), retries.maxAttempts(), failure.getMessage(), LogText.of(failure.detail()));
            return Attempt.retryLater(failure.getMessage());
        } catch (RuntimeException failure) {
            LOG.warnf("email %s to %s failed (attempt %d of %d): %s", claimed.id(), LogText.of(e.to()),
                    claimed.attempts(), retries.maxAttempts(), LogText.of(failure));
            return Attempt.retryLater(EmailNotSent.OTHER);
        }
    }

    @Override
    public void settle(Claimed<OutgoingEmail> claimed, Attempt attempt, Instant now) {
        if (attempt instanceof Attempt.Delivered) {
            // without SMTP configured the mailer only logs it: sent, but not delivered
            sql.update("UPDATE emails SET sent_at = ?, delivered = ? WHERE id = ?", now, sender.reachesServer(),
                    claimed.id());
        }
        OutgoingEmail e = claimed.message();
        String status = attempt instanceof Attempt.Delivered ? "sent" : attempt instanceof Attempt.Failed ? "failed" : null;
        String error = attempt instanceof Attempt.Failed f ? f.reason() : null;
        settled.fire(new EmailSettled(e.runId(), e.actionIndex(), claimed.id(), e.to(), status, error));
    }

    @Override
    public void requeued(String schoolId, String id) {
        sql.one("SELECT run_id, action_index, to_address FROM emails WHERE id = ?",
                rs -> EmailSettled.requeued(rs.getString(1), rs.getInt(2), id, rs.getString(3)), id).ifPresent(settled::fire);
    }
}
