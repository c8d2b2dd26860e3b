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

    /** Queues the pushes; returns how many (0 when the user has no live subscription). */
    public int queue(QueuedPush p, Instant now) {
        List<PushSubscription> to = subscriptions.live(p.schoolId(), p.userId(), now);
        List<Object[]> rows = new ArrayList<>();
        for (PushSubscription s : to) {
            rows.add(new Object[]{newId(), p.schoolId(), s.target(), now, now, p.runId(), p.actionIndex(), s.id(),
                    p.userId(), p.automationId(), p.eventId(), s.endpoint(), p.message().title(), p.message().body(),
                    p.message().url()});
        }
        if (!rows.isEmpty()) {
            sql.batch("INSERT INTO pushes (id, school_id, status, attempts, target, next_attempt_at, created_at, run_id, "
                    + "action_index, subscription_id, user_id, automation_id, event_id, endpoint, title, body, url) "
                    + "VALUES (?, ?, 'queued', 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
        }
        return rows.size();
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "psh_" + HexFormat.of().formatHex(b);
    }
}
