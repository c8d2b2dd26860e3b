package com.userautomations.push;

/** One send_push action of one run, rendered: one push per subscription of its user. */
public record QueuedPush(String schoolId, String runId, int actionIndex, String userId, String automationId,
                         String eventId, PushMessage message) {
}
