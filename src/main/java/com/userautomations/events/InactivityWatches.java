package com.userautomations.events;

import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The inactivity_watches table: per (automation, user), the latest visit that counts for the
 * automation's user.inactive trigger, the stretch it is in, and when that stretch's run falls due.
 * Visits write it under the user's row lock; the scan claims due rows with SKIP LOCKED.
 */
@ApplicationScoped
public class InactivityWatches {
    /** One (automation, user) row. */
    private static final String ROW = "school_id = ? AND automation_id = ? AND user_id = ?";
    /** The scan's two statements, public so that bench.InactivityScanBench measures these very ones. */
    public static final String CLAIM = "SELECT school_id, automation_id, user_id, last_visit_at, stretch, due_at "
            + "FROM inactivity_watches WHERE due_at <= ? ORDER BY due_at LIMIT ? FOR UPDATE SKIP LOCKED";
    public static final String FIRED = "UPDATE inactivity_watches SET due_at = NULL, fired_stretch = ? "
            + "WHERE " + ROW + " AND stretch = ?";

    private final Sql sql;

    public InactivityWatches(Sql sql) {
        this.sql = sql;
    }

    /** A due row, claimed (locked) by the scan's transaction. */
    public record Due(String schoolId, String automationId, String userId, Instant lastVisitAt, long stretch,
                      Instant dueAt) {
    }

    /**
     * A counting visit, applied at {@code arrivedAt}: a new stretch starts, the latest visit becomes
     * the later of the stored one and {@code occurredAt}, and the stretch falls due {@code days}
     * x 24 h after it, or at once (the arrival) if that moment has passed.
     */
    public void visited(String schoolId, String automationId, String userId, Instant occurredAt, Instant arrivedAt,
                        int days) {
        Optional<Instant> stored = sql.one("SELECT last_visit_at FROM inactivity_watches WHERE " + ROW,
                rs -> Sql.instant(rs, "last_visit_at"), schoolId, automationId, userId);
        Instant last = stored.filter(s -> s.isAfter(occurredAt)).orElse(occurredAt);
        Instant due = dueAt(last, days, arrivedAt);
        if (stored.isPresent()) {
            sql.update("UPDATE inactivity_watches SET last_visit_at = ?, stretch = stretch + 1, due_at = ? WHERE " + ROW,
                    last, due, schoolId, automationId, userId);
        } else {
            sql.update("INSERT INTO inactivity_watches (school_id, automation_id, user_id, last_visit_at, stretch, due_at) "
                    + "VALUES (?, ?, ?, ?, 1, ?)", schoolId, automationId, userId, last, due);
        }
    }

    static Instant dueAt(Instant lastVisit, int days, Instant notBefore) {
        Instant due = lastVisit.plus(Duration.ofDays(days));
        return due.isBefore(notBefore) ? notBefore : due;
    }

    /**
     * Up to {@code limit} rows due at {@code now}, earliest first, locked; rows another scan holds
     * are skipped, so several workers and processes share the backlog. The index on due_at makes
     * this read only the rows crossing their threshold.
     */
    public List<Due> claim(Instant now, int limit) {
        return sql.query(CLAIM, rs -> new Due(rs.getString(1), rs.getString(2), rs.getString(3),
                Sql.instant(rs, "last_visit_at"), rs.getLong(5), Sql.instant(rs, "due_at")), now, limit);
    }

    /** The stretch's run started (or its conditions did not hold): the stretch is done. */
    public void fired(Due d) {
        sql.update(FIRED, d.stretch(), d.schoolId(), d.automationId(), d.userId(), d.stretch());
    }

    /** The moment fell during a pause: it starts nothing, and the stretch waits for the next visit. */
    public void dropped(Due d) {
        postpone(d, null);
    }

    /** The threshold moved later (the automation was saved with more days); null: never in this stretch. */
    public void postpone(Due d, Instant dueAt) {
        sql.update("UPDATE inactivity_watches SET due_at = ? WHERE " + ROW + " AND stretch = ?", dueAt, d.schoolId(),
                d.automationId(), d.userId(), d.stretch());
    }

    /** The automation is gone, or no longer has a user.inactive trigger. */
    public void forget(Due d) {
        sql.update("DELETE FROM inactivity_watches WHERE " + ROW, d.schoolId(), d.automationId(), d.userId());
    }
}
