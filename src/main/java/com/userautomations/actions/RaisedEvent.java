package com.userautomations.actions;

import java.util.Set;

/**
 * A change an action made: automations may react to it (an internal event), and the school's
 * platform hears of it (a webhook delivery). {@code index} is the number of the action that
 * made it in its run, {@code step} its path; {@code spaceId} is set for space changes, which no trigger reacts to.
 */
public record RaisedEvent(String type, String courseId, String reason, Set<String> tagsAdded, Set<String> tagsRemoved,
                          String spaceId, int index, String step) {
    static RaisedEvent course(int index, String step, String type, String courseId, String reason) {
        return new RaisedEvent(type, courseId, reason, Set.of(), Set.of(), null, index, step);
    }

    static RaisedEvent tags(int index, String step, String type, Set<String> added, Set<String> removed) {
        return new RaisedEvent(type, null, null, added, removed, null, index, step);
    }

    static RaisedEvent space(int index, String step, String type, String spaceId) {
        return new RaisedEvent(type, null, null, Set.of(), Set.of(), spaceId, index, step);
    }

    /** Whether automations can be triggered by it (space changes are only told to the platform). */
    public boolean triggers() {
        return spaceId == null;
    }
}
