package com.userautomations.actions;

import com.userautomations.automation.StepTree;

/**
 * How one step of a run ended: done, pending (queued email, or after a wait), failed or
 * skipped. {@code index} is the step's number in the run (its row and its messages' key: the
 * list index for a plain list), {@code step} its path, {@code position} its index in its own
 * list (null for the steps of a plain action list, whose entries are version 1's); {@code branch}
 * the branch an if took, {@code outcome} how a wait_for ended ({@code event} or {@code timeout})
 * and {@code eventId} the event that ended it (null for other steps).
 */
public record ActionOutcome(int index, String type, String status, String error, String step, int position,
                            String branch, String outcome, String eventId) {

    public ActionOutcome(int index, String type, String status, String error, String step, int position,
                         String branch) {
        this(index, type, status, error, step, position, branch, null, null);
    }

    /** A step of a plain action list, as in version 1. */
    public ActionOutcome(int index, String type, String status, String error) {
        this(index, type, status, error, null, index, null);
    }

    static ActionOutcome of(StepTree.Node n, String status, String error, String branch) {
        return new ActionOutcome(n.number(), n.step().typeName(), status, error, n.path(), n.index(), branch);
    }

    /** A wait_for the run got past: the event came, or the time ran out. */
    static ActionOutcome waited(StepTree.Node n, Resume resume) {
        return new ActionOutcome(n.number(), n.step().typeName(), "done", null, n.path(), n.index(), null,
                resume.outcome(), resume.eventId());
    }
}
