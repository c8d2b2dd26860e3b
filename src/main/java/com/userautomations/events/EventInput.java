package com.userautomations.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.directory.UserStore;

import java.time.Instant;
import java.util.Set;

/** A validated event as the platform posted it. */
public record EventInput(String id, String type, Instant occurredAt, String userId, UserStore.Profile user, String courseId,
                         String formId, ObjectNode fields, Set<String> tags, String couponCode, String certificateId,
                         String reason) {
}
