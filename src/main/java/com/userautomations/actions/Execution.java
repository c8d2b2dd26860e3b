package com.userautomations.actions;

import java.time.Instant;
import java.util.List;

/**
 * The result of running a run's steps: what each did, what it raised, and whether it now waits.
 * {@code resumeAtIndex} is the top-level index of the waiting run's next step, {@code position}
 * its full path; {@code status} how the run stands (waiting, completed, exited);
 * {@code unreached} the numbers of steps listed as pending while it waited that it never
 * reached (it ended first).
 */
public record Execution(List<ActionOutcome> outcomes, List<RaisedEvent> raised, Integer resumeAtIndex, Instant resumeAt,
                        String position, String status, List<Integer> unreached) {

    public Execution(List<ActionOutcome> outcomes, List<RaisedEvent> raised, Integer resumeAtIndex, Instant resumeAt) {
        this(outcomes, raised, resumeAtIndex, resumeAt, null, resumeAtIndex == null ? "completed" : "waiting", List.of());
    }

    /**
     * The same, as a plain action list's run records it: its entries are exactly version 1's,
     * without step paths (API.md 1.1: "without if or wait_for").
     */
    Execution asPlainList() {
        List<ActionOutcome> plain = outcomes.stream().map(o -> new ActionOutcome(o.index(), o.type(), o.status(),
                o.error(), null, o.index(), null)).toList();
        return new Execution(plain, raised, resumeAtIndex, resumeAt, position, status, unreached);
    }

    public boolean waiting() {
        return resumeAtIndex != null;
    }
}
