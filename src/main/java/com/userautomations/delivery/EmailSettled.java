package com.userautomations.delivery;

/**
 * One of a run action's emails changed status (sent, failed, or queued again by a retry). Fired
 * synchronously in the transaction that changed it: the owner of the run's actions brings the
 * send_email action's status in step before that transaction commits.
 */
public record EmailSettled(String runId, int actionIndex) {
}
