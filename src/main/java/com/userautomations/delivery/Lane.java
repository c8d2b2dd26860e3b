package com.userautomations.delivery;

import java.util.Comparator;

/** One school's due messages of one channel: the outbox's unit of turns. */
record Lane(String channel, String schoolId) implements Comparable<Lane> {
    private static final Comparator<Lane> ORDER = Comparator.comparing(Lane::schoolId).thenComparing(Lane::channel);

    /** By school first, so a school's channels follow each other within one round. */
    @Override
    public int compareTo(Lane other) {
        return ORDER.compare(this, other);
    }
}
