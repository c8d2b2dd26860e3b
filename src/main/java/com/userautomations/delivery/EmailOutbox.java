package com.userautomations.delivery;

import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Queues emails in the caller's transaction. The worker only ever sees committed rows, so an
 * email is sent only after the run that queued it is durable. (run, action, recipient) is
 * unique: an action cannot queue the same email twice.
 */
@ApplicationScoped
public class EmailOutbox {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;

    public EmailOutbox(Sql sql) {
        this.sql = sql;
    }

    /** Queues emails due at once (notices of the service, outside any send window). */
    public void queue(List<QueuedEmail> emails) {
        Instant now = Instant.now();
        queue(emails, now, null);
    }

    /**
     * Queues the emails, created {@code now}; {@code notBefore} (null: at once) is when a send
     * window next opens: the outbox claims by next_attempt_at, so they are simply due then.
     */
    public void queue(List<QueuedEmail> emails, Instant now, Instant notBefore) {
        insert(emails, "queued", null, now, notBefore == null ? now : notBefore, notBefore);
    }

    /** Records emails that are not sent (the school's frequency cap), with why: /emails shows them skipped. */
    public void skip(List<QueuedEmail> emails, Instant now, String reason) {
        insert(emails, "skipped", reason, now, now, null);
    }

    private void insert(List<QueuedEmail> emails, String status, String error, Instant now, Instant due,
                        Instant notBefore) {
        List<Object[]> rows = new ArrayList<>();
        for (QueuedEmail e : emails) {
            rows.add(new Object[]{newId(), e.schoolId(), e.runId(), e.actionIndex(), e.recipientIndex(), e.userId(),
                    e.automationId(), e.eventId(), e.to(), e.from(), e.subject(), e.body(), status, error, due, now,
                    notBefore});
        }
        sql.batch("INSERT INTO emails (id, school_id, run_id, action_index, recipient_index, user_id, automation_id, "
                + "event_id, to_address, from_address, subject, body, status, last_error, next_attempt_at, created_at, "
                + "not_before) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "eml_" + HexFormat.of().formatHex(b);
    }
}
