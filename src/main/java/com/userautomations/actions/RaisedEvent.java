package com.userautomations.actions;

import java.util.Set;

/** A change an action made that automations may react to (an internal event). */
public record RaisedEvent(String type, String courseId, String reason, Set<String> tagsAdded, Set<String> tagsRemoved) {
    static RaisedEvent course(String type, String courseId, String reason) {
        return new RaisedEvent(type, courseId, reason, Set.of(), Set.of());
    }
}
