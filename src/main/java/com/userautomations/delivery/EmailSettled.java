package com.userautomations.delivery;

/**
 * One of a run action's emails changed status (sent, failed, or queued again by a retry). Fired
 * synchronously in the transaction that changed it: the owner of the run's actions brings the
 * send_email action's status in step before that transaction commits, and tells the platform.
 * {@code status} is "sent" or "failed" when the email is done, null while it will be tried again.
 */
public record EmailSettled(String runId, int actionIndex, String emailId, String to, String status, String error) {
    /** A status change that is not an outcome (queued again by a retry). */
    public static EmailSettled requeued(String runId, int actionIndex, String emailId, String to) {
        return new EmailSettled(runId, actionIndex, emailId, to, null, null);
    }
}
