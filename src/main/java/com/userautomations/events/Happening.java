package com.userautomations.events;

import java.util.Map;
import java.util.Set;

/**
 * What happened to a user, as rules see it: a posted event after its state change, or an
 * internal event raised by an automation's action ({@code source} = "automation:<id>").
 */
public record Happening(String type, String courseId, String formId, String couponCode, String certificateId,
                        String reason, Set<String> tagsAdded, Set<String> tagsRemoved, Map<String, String> fields,
                        String source) {

    /** The event that started a run as its later steps see it: its type is not kept, its course and fields are. */
    static Happening startedRun(String courseId, Map<String, String> fields) {
        return new Happening("", courseId, null, null, null, null, Set.of(), Set.of(), fields, "resumed");
    }

    public static Happening internal(String type, String courseId, String reason, Set<String> added,
                                     Set<String> removed, String automationId) {
        return new Happening(type, courseId, null, null, null, reason, added, removed, Map.of(),
                "automation:" + automationId);
    }
}
