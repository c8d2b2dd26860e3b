package com.userautomations.engine;

/**
 * The school as rules see it, carried by the event like the user, so that a rule still has a
 * single pattern. Null strings become "".
 */
public record SchoolSnapshot(String id, String name) {

    public SchoolSnapshot {
        id = id == null ? "" : id;
        name = name == null ? "" : name;
    }
}
