package com.userautomations.actions;

import java.time.Instant;
import java.util.List;

/** The result of running a run's actions: what each did, what it raised, and whether it now waits. */
public record Execution(List<ActionOutcome> outcomes, List<RaisedEvent> raised, Integer resumeAtIndex, Instant resumeAt) {
    public boolean waiting() {
        return resumeAtIndex != null;
    }
}
