package com.userautomations.push;

import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Queues pushes in the run's transaction, one per live subscription of the user; the outbox
 * sends them after it commits. (run, action, subscription) is unique: an action cannot queue
 * the same push twice.
 */
@ApplicationScoped
public class PushOutbox {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final PushSubscriptionStore subscriptions;

    public PushOutbox(Sql sql, PushSubscriptionStore subscriptions) {
        this.sql = sql;
        this.subscriptions = subscriptions;
    }

    /**
     * Queues the pushes; returns how many (0 when the user has no live subscription).
     * {@code notBefore} (null: at once) is when the school's send window next opens: they are due then.
     */
    public int queue(QueuedPush p, Instant now, Instant notBefore) {
        return insert(p, "queued", null, now, notBefore == null ? now : notBefore, notBefore);
    }

    /** Records the pushes as not sent (the school's frequency cap), with why; returns how many. */
    public int skip(QueuedPush p, Instant now, String reason) {
        return insert(p, "skipped", reason, now, now, null);
    }

    private int insert(QueuedPush p, String status, String error, Instant now, Instant due, Instant notBefore) {
        List<PushSubscription> to = subscriptions.live(p.schoolId(), p.userId(), now);
        List<Object[]> rows = new ArrayList<>();
        for (PushSubscription s : to) {
            rows.add(new Object[]{newId(), p.schoolId(), status, error, s.target(), due, now, notBefore, p.runId(),
                    p.actionIndex(), s.id(), p.userId(), p.automationId(), p.eventId(), s.endpoint(), p.message().title(),
                    p.message().body(), p.message().url()});
        }
        if (!rows.isEmpty()) {
            sql.batch("INSERT INTO pushes (id, school_id, status, last_error, attempts, target, next_attempt_at, "
                    + "created_at, not_before, run_id, action_index, subscription_id, user_id, automation_id, event_id, "
                    + "endpoint, title, body, url) VALUES (?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        }
        return rows.size();
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "psh_" + HexFormat.of().formatHex(b);
    }
}
