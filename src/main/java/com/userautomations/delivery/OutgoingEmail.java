package com.userautomations.delivery;

/** An email as the outbox sends it: what the row holds besides its state. */
record OutgoingEmail(String runId, int actionIndex, String to, String from, String subject, String body) {
}
