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

    public void queue(List<QueuedEmail> emails) {
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>();
        for (QueuedEmail e : emails) {
            rows.add(new Object[]{newId(), e.schoolId(), e.runId(), e.actionIndex(), e.recipientIndex(), e.userId(),
                    e.automationId(), e.eventId(), e.to(), e.from(), e.subject(), e.body(), "queued", now, now});
        }
        sql.batch("INSERT INTO emails (id, school_id, run_id, action_index, recipient_index, user_id, automation_id, "
                + "event_id, to_address, from_address, subject, body, status, next_attempt_at, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "eml_" + HexFormat.of().formatHex(b);
    }
}
