package com.userautomations.delivery;

import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/**
 * The messages a school's frequency cap counts (table capped_messages): one row per email to a
 * run's user or send_push that was queued, not transactional. Written and read in the run's
 * transaction, under the user's row lock, so the runs of one user, in one event or in two,
 * count each other in order.
 */
@ApplicationScoped
public class CapLedger {
    private final Sql sql;

    public CapLedger(Sql sql) {
        this.sql = sql;
    }

    /** How many messages to the user were created after {@code since}. */
    public int countAfter(String schoolId, String userId, Instant since) {
        return sql.one("SELECT COUNT(*) FROM capped_messages WHERE school_id = ? AND user_id = ? AND created_at > ?",
                rs -> rs.getInt(1), schoolId, userId, since).orElse(0);
    }

    public void record(String schoolId, String userId, String runId, int actionIndex, Instant createdAt) {
        sql.update("INSERT INTO capped_messages (school_id, user_id, run_id, action_index, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", schoolId, userId, runId, actionIndex, createdAt);
    }
}
