package com.userautomations.automation;

/**
 * Fired in the saving transaction when a PUT says {@code waitingRuns=cancel}: the runs of the
 * automation's versions before {@code version} that wait end {@code skipped}. The runs' owner
 * listens; this package knows nothing of runs.
 */
public record WaitingRunsCancelled(String schoolId, String automationId, int version) {
}
