package com.userautomations.common;

import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One WARN line, without a stack trace, for failures answered 503: a database restart makes
 * every request in flight fail at once, and a stack trace each would bury the log. At most one
 * line per interval; the next one says how many were left out.
 */
final class TransientFailureLog {
    private static final Logger LOG = Logger.getLogger(TransientFailureLog.class);
    private static final long INTERVAL_NANOS = 10_000_000_000L;

    private final AtomicLong nextAt = new AtomicLong(System.nanoTime());
    private final AtomicLong leftOut = new AtomicLong();

    void log(Throwable failure) {
        long now = System.nanoTime();
        long due = nextAt.get();
        if (now - due < 0 || !nextAt.compareAndSet(due, now + INTERVAL_NANOS)) {
            leftOut.incrementAndGet();
            return;
        }
        long skipped = leftOut.getAndSet(0);
        LOG.warnf("answered 503, the database is unavailable for a moment: %s%s", describe(failure),
                skipped == 0 ? "" : " (" + skipped + " more since the last such line)");
        if (LOG.isDebugEnabled()) {
            LOG.debug("the failure answered 503", failure);
        }
    }

    /**
     * The innermost SQLException's class, SQLState and first line (or the root cause's when there
     * is none): what an operator needs to tell an outage from a lock. Not what lies below it: H2's
     * MVStore cause quotes the locked row, user data that has no place in the log.
     */
    private static String describe(Throwable failure) {
        Throwable shown = failure;
        SQLException sql = null;
        Throwable t = failure;
        for (int depth = 0; t != null && depth < 64; depth++, t = t.getCause() == t ? null : t.getCause()) {
            shown = t;
            if (t instanceof SQLException s) {
                sql = s;
            }
        }
        if (sql != null) {
            shown = sql;
        }
        String where = sql == null ? "" : " [SQLState " + sql.getSQLState() + "]";
        String message = String.valueOf(shown.getMessage()).lines().findFirst().orElse("");
        return shown.getClass().getName() + where + ": " + LogText.of(message);
    }
}
