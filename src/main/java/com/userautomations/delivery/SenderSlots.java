package com.userautomations.delivery;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many messages are being sent, in all, per (school, channel) and per (channel, target),
 * against the three bounds: a school whose sends are slow holds at most its own share of the
 * senders in each channel (so its slow endpoint holds neither another school nor its own
 * emails), and a slow endpoint or mail server at most its channel's per-target limit.
 */
final class SenderSlots {
    private record Target(String channel, String target) {
    }

    private record Share(String school, String channel) {
    }

    private final int total;
    private final int perSchool;
    private final Map<String, Integer> perTarget;
    private final Map<Share, Integer> bySchool = new HashMap<>();
    private final Map<Target, Integer> byTarget = new HashMap<>();
    private int busy;

    /**
     * @param perSchool each school's share of the senders, per channel
     * @param perTarget each channel's limit per target; a channel not named has none but the others
     */
    SenderSlots(int total, int perSchool, Map<String, Integer> perTarget) {
        this.total = total;
        this.perSchool = Math.min(perSchool, total);
        this.perTarget = Map.copyOf(perTarget);
    }

    synchronized boolean anyFree() {
        return busy < total;
    }

    /** Whether a sender is free for one more of this school's messages of this channel. */
    synchronized boolean freeFor(String school, String channel) {
        return busy < total && bySchool.getOrDefault(new Share(school, channel), 0) < perSchool;
    }

    /** How many more of this school's messages of this channel may start now (total and share). */
    synchronized int room(String school, String channel) {
        return Math.max(0, Math.min(total - busy, perSchool - bySchool.getOrDefault(new Share(school, channel), 0)));
    }

    /** How many more messages to this target of the channel may start now. */
    synchronized int targetRoom(String channel, String target) {
        int limit = perTarget.getOrDefault(channel, Integer.MAX_VALUE);
        return Math.max(0, limit - byTarget.getOrDefault(new Target(channel, target), 0));
    }

    /** The channel's targets at their limit now: a claim skips them. */
    synchronized List<String> fullTargets(String channel) {
        int limit = perTarget.getOrDefault(channel, Integer.MAX_VALUE);
        List<String> full = new ArrayList<>();
        byTarget.forEach((t, n) -> {
            if (t.channel().equals(channel) && n >= limit) {
                full.add(t.target());
            }
        });
        full.sort(null);
        return full;
    }

    synchronized int inFlight(String channel, String target) {
        return byTarget.getOrDefault(new Target(channel, target), 0);
    }

    synchronized void take(String channel, String school, String target) {
        busy++;
        bySchool.merge(new Share(school, channel), 1, Integer::sum);
        byTarget.merge(new Target(channel, target), 1, Integer::sum);
    }

    synchronized void release(String channel, String school, String target) {
        busy--;
        bySchool.computeIfPresent(new Share(school, channel), (s, n) -> n == 1 ? null : n - 1);
        byTarget.computeIfPresent(new Target(channel, target), (t, n) -> n == 1 ? null : n - 1);
    }
}
