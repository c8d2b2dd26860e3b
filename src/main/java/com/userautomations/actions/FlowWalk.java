package com.userautomations.actions;

import com.userautomations.automation.Action;
import com.userautomations.automation.ActionType;
import com.userautomations.automation.Condition;
import com.userautomations.automation.Step;
import com.userautomations.automation.StepTree;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One pass of a run through its step tree, from its position to a wait or wait_for, an exit,
 * exitWhen, or the end: each step reached once, in path order, and never a branch not taken. Conditions are
 * asked of {@code holds}, which evaluates them on the user as they are at that moment.
 */
final class FlowWalk {
    /** How the pass stopped in a list: it went through it, or the run waits or ended. */
    private enum Stop { THROUGH, WAITING, EXIT, EXITED }

    private final StepTree tree;
    private final Condition exitWhen;
    private final Predicate<Condition> holds;
    private final Function<StepTree.Node, ActionOutcome> act;
    private final Instant now;
    private final List<ActionOutcome> outcomes = new ArrayList<>();
    private StepTree.Position waitingAt;
    private Instant due;
    /** How a run waiting at a wait_for goes on (null: it waits at none). */
    private Resume resume;

    FlowWalk(StepTree tree, Condition exitWhen, Predicate<Condition> holds, Function<StepTree.Node, ActionOutcome> act,
             Instant now) {
        this.tree = tree;
        this.exitWhen = exitWhen;
        this.holds = holds;
        this.act = act;
        this.now = now;
    }

    /**
     * Walks from {@code from} (the start, or where a waiting run stands). {@code pendingBefore}:
     * the steps the run listed as pending while it waited; those it does not reach now (it
     * ended first) are reported in {@link Execution#unreached()}, so they can be taken back.
     */
    Execution walk(StepTree.Position from, Resume resume, List<RaisedEvent> raised) {
        this.resume = resume;
        // a run waiting at a wait_for first in the list stands at the start too: resume tells them apart
        boolean resuming = resume != null || !from.equals(StepTree.Position.start());
        List<StepTree.Node> pendingBefore = resuming ? tree.after(from) : List.of();
        Stop stop = walk(tree.listAt(from, 0), from, 0, new ArrayList<>(List.of(StepTree.TOP)), new ArrayList<>());
        Set<Integer> written = new HashSet<>();
        outcomes.forEach(o -> written.add(o.index()));
        List<Integer> unreached = new ArrayList<>();
        for (StepTree.Node n : pendingBefore) {
            if (!written.contains(n.number())) {
                unreached.add(n.number());
            }
        }
        String ending = switch (stop) {
            case WAITING -> "waiting";
            case EXITED -> "exited";
            default -> "completed";
        };
        return new Execution(outcomes, raised, waitingAt == null ? null : waitingAt.indexes().get(0), due,
                waitingAt == null ? null : waitingAt.text(), ending, unreached);
    }

    private Stop walk(List<Step> list, StepTree.Position from, int level, List<String> lists, List<Integer> indexes) {
        int i = 0;
        if (from != null && level < from.depth()) {
            i = from.indexes().get(level);
            if (level < from.depth() - 1) {
                // resuming inside the if (or wait_for) at i: finish its branch, then go on after it
                Step.Branching b = (Step.Branching) list.get(i);
                String branch = from.lists().get(level + 1);
                Stop inner = walk(b.branch(branch), from, level + 1, with(lists, branch), with(indexes, i));
                if (inner != Stop.THROUGH) {
                    return inner;
                }
                i++;
            } else if (i < list.size() && list.get(i) instanceof Step.WaitFor w && resume != null) {
                // the run waited here: the event came (then) or the time ran out (else)
                outcomes.add(ActionOutcome.waited(tree.node(w), resume));
                String branch = resume.byEvent() ? "then" : "else";
                Stop inner = walk(w.branch(branch), null, level + 1, with(lists, branch), with(indexes, i));
                if (inner != Stop.THROUGH) {
                    return inner;
                }
                i++;
            }
        }
        for (; i < list.size(); i++) {
            if (exitWhen != null && holds.test(exitWhen)) {
                return Stop.EXITED;
            }
            Step step = list.get(i);
            StepTree.Node n = tree.node(step);
            if (step instanceof Step.Exit) {
                outcomes.add(ActionOutcome.of(n, "done", null, null));
                return Stop.EXIT;
            }
            if (step instanceof Step.If f) {
                boolean then = holds.test(f.conditions());
                String branch = then ? "then" : "else";
                outcomes.add(ActionOutcome.of(n, "done", null, branch));
                Stop inner = walk(then ? f.then() : f.otherwise(), null, level + 1, with(lists, branch), with(indexes, i));
                if (inner != Stop.THROUGH) {
                    return inner;
                }
                continue;
            }
            if (step instanceof Step.WaitFor w) {
                // the wait_for itself is listed pending until the event or the timeout comes
                due = now.plus(w.timeout());
                return waiting(new StepTree.Position(lists, with(indexes, i)));
            }
            Action a = ((Step.Act) step).action();
            if (a.type() == ActionType.WAIT) {
                due = a.until() != null ? a.until() : now.plus(a.duration());
                outcomes.add(ActionOutcome.of(n, "done", null, null));
                return waiting(new StepTree.Position(lists, with(indexes, i + 1)));
            }
            outcomes.add(act.apply(n));
        }
        return Stop.THROUGH;
    }

    /** The run waits at {@code at}: the steps it has not reached, in each enclosing list, are listed pending. */
    private Stop waiting(StepTree.Position at) {
        waitingAt = at;
        for (StepTree.Node p : tree.after(at)) {
            outcomes.add(ActionOutcome.of(p, "pending", null, null));
        }
        return Stop.WAITING;
    }

    private static <T> List<T> with(List<T> list, T last) {
        List<T> out = new ArrayList<>(list);
        out.add(last);
        return out;
    }
}
