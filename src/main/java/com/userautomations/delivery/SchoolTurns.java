package com.userautomations.delivery;

import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Whose turn it is to send: the schools with due messages (per channel: the outbox's turns are
 * {@link Lane}s), served one message at a time in a circle, so a school with a large backlog gets
 * one turn per round like any other. Not thread-safe: the outbox's one dispatcher uses it.
 */
final class SchoolTurns<K extends Comparable<? super K>> {
    private final TreeSet<K> waiting = new TreeSet<>();
    private K last;

    /** The schools that have due messages now; the circle goes on after the last school served. */
    void offer(List<K> schools) {
        waiting.clear();
        waiting.addAll(schools);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The next school after the last one served, in a circle, that {@code canSend}; null if none can. */
    K next(Predicate<? super K> canSend) {
        if (waiting.isEmpty()) {
            return null;
        }
        Iterable<K> after = last == null ? waiting : waiting.tailSet(last, false);
        for (K s : after) {
            if (canSend.test(s)) {
                return served(s);
            }
        }
        for (K s : last == null ? List.<K>of() : waiting.headSet(last, true)) {
            if (canSend.test(s)) {
                return served(s);
            }
        }
        return null;
    }

    /** The school has no due email left: it waits for the next {@link #offer}. */
    void done(K school) {
        waiting.remove(school);
    }

    private K served(K school) {
        last = school;
        return school;
    }
}
