package com.userautomations.common;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * Tells a failure that a resend may cure (the database unreachable for a moment, a lock wait
 * that timed out, a deadlock) from a bug. API.md 1.1 answers the first 503 and the second 500;
 * both roll the request's transaction back. Walks the whole cause chain (JTA and Hibernate wrap
 * the driver's SQLException at various depths), bounded and cycle-safe.
 */
public final class TransientFailures {
    /** Deeper than any wrapping we have seen (Narayana, Agroal, Hibernate, ours: under 10). */
    private static final int MAX_VISITED = 64;

    /**
     * SQLStates that mean "not now": class 08 (connection) is handled apart; 57P01-03 the
     * server shutting down, crashed or starting; 53300 too many connections; 55P03 lock not
     * available (PostgreSQL's lock_timeout); 40001/40P01 serialization failure and deadlock
     * (the loser was rolled back whole); HYT00 H2's lock timeout; 90067/90098/90121 H2's
     * connection broken, database closed, database called at shutdown; 90131 H2's concurrent update.
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "55P03", "40001", "40P01",
            "HYT00", "90067", "90098", "90121", "90131");

    /** Exceptions known by name, so that common needs neither Hibernate nor a JTA implementation. */
    private static final Set<String> CLASS_NAMES = Set.of(
            "org.hibernate.exception.JDBCConnectionException",
            "org.hibernate.exception.LockAcquisitionException",
            "org.hibernate.PessimisticLockException",
            "org.hibernate.exception.LockTimeoutException",
            "jakarta.persistence.LockTimeoutException",
            "jakarta.persistence.PessimisticLockException");

    private TransientFailures() {
    }

    public static boolean isTransient(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(failure);
        while (!todo.isEmpty() && seen.size() < MAX_VISITED) {
            Throwable t = todo.poll();
            if (!seen.add(t)) {
                continue;
            }
            if (isTransientItself(t)) {
                return true;
            }
            addIfPresent(todo, t.getCause());
            if (t instanceof SQLException s) {
                addIfPresent(todo, s.getNextException());
            }
            // a failed commit may carry the real cause as suppressed (Narayana's rollback of a dead connection)
            Collections.addAll(todo, t.getSuppressed());
        }
        return false;
    }

    private static void addIfPresent(Deque<Throwable> todo, Throwable t) {
        if (t != null) {
            todo.add(t);
        }
    }

    private static boolean isTransientItself(Throwable t) {
        if (t instanceof ConnectException || t instanceof SocketTimeoutException) {
            return true;
        }
        if (t instanceof SQLException s) {
            String state = s.getSQLState();
            if (state != null && (state.startsWith("08") || STATES.contains(state))) {
                return true;
            }
            // 57014, a cancelled statement: a statement_timeout, or the transaction manager
            // cancelling the statements of a transaction that outlived its timeout ("due to user
            // request": the exception does not say it was the timeout). Our code cancels no
            // statement itself, so any cancel rolled the transaction back whole.
            if ("57014".equals(state)) {
                return true;
            }
            // Agroal: no connection free in the pool within the acquisition timeout (no SQLState;
            // "Acquisition timeout while waiting for new connection" or "Sorry, acquisition timeout!")
            if (state == null && mentions(s, "acquisition timeout")) {
                return true;
            }
        }
        if (isTransactionTimeout(t)) {
            return true;
        }
        for (Class<?> c = t.getClass(); c != null && c != Throwable.class; c = c.getSuperclass()) {
            if (CLASS_NAMES.contains(c.getName())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The transaction manager rolled the transaction back because it outlived its timeout (the
     * reaper): the commit then finds it inactive (ARJUNA016102), and a statement run after the
     * rollback meets Agroal's refusal of a connection whose transaction ended. Either way the
     * transaction is gone whole, so a resend is safe. Neither says "timeout": matched by message.
     */
    private static boolean isTransactionTimeout(Throwable t) {
        String name = t.getClass().getName();
        if (name.equals("jakarta.transaction.RollbackException") || name.startsWith("com.arjuna.")) {
            return mentions(t, "arjuna016102");
        }
        return t instanceof SQLException && mentions(t, "enlisted connection used without active transaction");
    }

    private static boolean mentions(Throwable t, String... words) {
        String message = t.getMessage();
        if (message == null) {
            return false;
        }
        String lower = message.toLowerCase(Locale.ROOT);
        for (String w : words) {
            if (lower.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
