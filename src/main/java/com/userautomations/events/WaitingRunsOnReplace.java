package com.userautomations.events;

import com.userautomations.automation.WaitingRunsCancelled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** {@code PUT ...?waitingRuns=cancel} ends the old versions' waiting runs as skipped, in the saving transaction. */
@ApplicationScoped
public class WaitingRunsOnReplace {
    private final RunStore runs;

    public WaitingRunsOnReplace(RunStore runs) {
        this.runs = runs;
    }

    void onCancel(@Observes WaitingRunsCancelled cancelled) {
        runs.skipWaiting(cancelled.schoolId(), cancelled.automationId(), cancelled.version(),
                "the automation was replaced by version " + cancelled.version() + " with waitingRuns=cancel while the run waited");
    }
}
