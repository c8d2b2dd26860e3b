package com.userautomations.delivery;

/** One email to one recipient, produced by one send_email action of one run. */
public record QueuedEmail(String schoolId, String runId, int actionIndex, int recipientIndex, String userId,
                          String automationId, String eventId, String to, String from, String subject, String body) {
}
