package com.userautomations.push;

/**
 * One of a run action's pushes settled an attempt (or was queued again). Fired synchronously in
 * the transaction that changed it, as EmailSettled is: the owner of the run's actions brings the
 * send_push action in step, and tells the platform when {@code status} is final.
 *
 * @param status "sent" or "failed" when the push is done, null while it will be tried again
 */
public record PushSettled(String schoolId, String runId, int actionIndex, String pushId, String subscriptionId,
                          String status, String error) {
}
