package com.userautomations.events;

import com.userautomations.automation.AutomationChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Deleting an automation ends its waiting runs as skipped, in the deleting transaction. */
@ApplicationScoped
public class WaitingRunsOnDelete {
    private final RunStore runs;

    public WaitingRunsOnDelete(RunStore runs) {
        this.runs = runs;
    }

    void onChange(@Observes AutomationChanged change) {
        if (change.definition() == null) {
            runs.skipWaiting(change.schoolId(), change.automationId(), "the automation was deleted while the run waited");
        }
    }
}
