package com.userautomations.delivery;

import java.util.List;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Whose turn it is to send: the schools with due emails, served one email at a time in a
 * circle, so a school with a large backlog gets one turn per round like any other. Not
 * thread-safe: the outbox's one dispatcher uses it.
 */
final class SchoolTurns {
    private final TreeSet<String> waiting = new TreeSet<>();
    private String last;

    /** The schools that have due emails now; the circle goes on after the last school served. */
    void offer(List<String> schools) {
        waiting.clear();
        waiting.addAll(schools);
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** The next school after the last one served, in a circle, that {@code canSend}; null if none can. */
    String next(Predicate<String> canSend) {
        if (waiting.isEmpty()) {
            return null;
        }
        Iterable<String> after = last == null ? waiting : waiting.tailSet(last, false);
        for (String s : after) {
            if (canSend.test(s)) {
                return served(s);
            }
        }
        for (String s : last == null ? List.<String>of() : waiting.headSet(last, true)) {
            if (canSend.test(s)) {
                return served(s);
            }
        }
        return null;
    }

    /** The school has no due email left: it waits for the next {@link #offer}. */
    void done(String school) {
        waiting.remove(school);
    }

    private String served(String school) {
        last = school;
        return school;
    }
}
