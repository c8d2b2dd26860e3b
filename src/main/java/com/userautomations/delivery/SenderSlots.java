package com.userautomations.delivery;

import java.util.HashMap;
import java.util.Map;

/**
 * How many emails are being sent, in all and per school, against the two bounds: a school
 * whose SMTP sends are slow holds at most its own share of the senders.
 */
final class SenderSlots {
    private final int total;
    private final int perSchool;
    private final Map<String, Integer> bySchool = new HashMap<>();
    private int busy;

    SenderSlots(int total, int perSchool) {
        this.total = total;
        this.perSchool = Math.min(perSchool, total);
    }

    synchronized boolean anyFree() {
        return busy < total;
    }

    synchronized boolean freeFor(String school) {
        return busy < total && bySchool.getOrDefault(school, 0) < perSchool;
    }

    synchronized void take(String school) {
        busy++;
        bySchool.merge(school, 1, Integer::sum);
    }

    synchronized void release(String school) {
        busy--;
        bySchool.computeIfPresent(school, (s, n) -> n == 1 ? null : n - 1);
    }
}
