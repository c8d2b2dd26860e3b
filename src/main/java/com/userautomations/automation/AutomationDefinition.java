package com.userautomations.automation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An automation as the admin wrote it: when (triggers), only if (conditions), then (the steps of
 * its {@code actions} list, a tree once it holds an {@code if}); {@code exitWhen}, when set,
 * ends a run as soon as it holds (null: never).
 */
public record AutomationDefinition(String name, AutomationStatus status, List<Trigger> triggers,
        Condition conditions, List<Step> steps, Condition exitWhen, Reentry reentry) {

    public AutomationDefinition {
        Objects.requireNonNull(name, "name");
        status = status == null ? AutomationStatus.ACTIVE : status;
        triggers = List.copyOf(triggers);
        steps = List.copyOf(steps);
        reentry = reentry == null ? Reentry.EVERY_TIME : reentry;
    }

    /** A plain action list, as in version 1. */
    public AutomationDefinition(String name, AutomationStatus status, List<Trigger> triggers, Condition conditions,
                                List<Action> actions, Reentry reentry) {
        this(name, status, triggers, conditions, actions.stream().<Step>map(Step.Act::new).toList(), null, reentry);
    }

    /** The same automation with another status. */
    public AutomationDefinition withStatus(AutomationStatus other) {
        return new AutomationDefinition(name, other, triggers, conditions, steps, exitWhen, reentry);
    }

    /** Every action of the flow, at any depth, in path order (a plain list's actions, as written). */
    public List<Action> actions() {
        return StepTree.of(steps).actions();
    }

    /** The flow's wait_for steps, in path order. */
    public List<Step.WaitFor> waitsFor() {
        List<Step.WaitFor> out = new ArrayList<>();
        for (StepTree.Node n : StepTree.of(steps).nodes()) {
            if (n.step() instanceof Step.WaitFor w) {
                out.add(w);
            }
        }
        return out;
    }

    /** The condition trees besides {@code conditions}: exitWhen, then each if's, in path order. */
    public List<Condition> flowConditions() {
        List<Condition> out = new ArrayList<>();
        if (exitWhen != null) {
            out.add(exitWhen);
        }
        for (StepTree.Node n : StepTree.of(steps).nodes()) {
            if (n.step() instanceof Step.If i) {
                out.add(i.conditions());
            }
        }
        return out;
    }

    public boolean isActive() {
        return status == AutomationStatus.ACTIVE;
    }

    /** Every course id named by triggers, conditions and actions (for the caller's existence check). */
    public Set<String> referencedCourseIds() {
        SortedSet<String> ids = new TreeSet<>();
        triggers.forEach(t -> ids.addAll(t.courseIds()));
        for (Condition c : allLeaves()) {
            if (c instanceof Condition.EnrolledIn e) {
                ids.addAll(e.courseIds());
            } else if (c instanceof Condition.CompletedCourse cc) {
                ids.addAll(cc.courseIds());
            }
        }
        actions().forEach(a -> ids.addAll(a.courseIds()));
        waitsFor().forEach(w -> ids.addAll(w.event().courseIds()));
        return Collections.unmodifiableSortedSet(ids);
    }

    /** Every space id named by conditions and actions. */
    public Set<String> referencedSpaceIds() {
        SortedSet<String> ids = new TreeSet<>();
        for (Condition c : allLeaves()) {
            if (c instanceof Condition.InSpace s) {
                ids.addAll(s.spaceIds());
            }
        }
        actions().forEach(a -> ids.addAll(a.spaceIds()));
        return Collections.unmodifiableSortedSet(ids);
    }

    /** The leaves of the condition tree in document order; iterative so that no tree can overflow the stack. */
    public List<Condition> leaves() {
        return leavesOf(conditions);
    }

    /** The leaves of every condition tree: conditions, exitWhen and the steps'. */
    private List<Condition> allLeaves() {
        List<Condition> leaves = new ArrayList<>(leaves());
        flowConditions().forEach(c -> leaves.addAll(leavesOf(c)));
        return leaves;
    }

    private static List<Condition> leavesOf(Condition root) {
        List<Condition> leaves = new ArrayList<>();
        Deque<Condition> todo = new ArrayDeque<>();
        if (root != null) {
            todo.push(root);
        }
        while (!todo.isEmpty()) {
            Condition c = todo.pop();
            if (c instanceof Condition.All all) {
                pushReversed(all.conditions(), todo);
            } else if (c instanceof Condition.Any any) {
                pushReversed(any.conditions(), todo);
            } else if (c instanceof Condition.Not not) {
                todo.push(not.condition());
            } else {
                leaves.add(c);
            }
        }
        return leaves;
    }

    private static void pushReversed(List<Condition> children, Deque<Condition> todo) {
        for (int i = children.size() - 1; i >= 0; i--) {
            todo.push(children.get(i));
        }
    }
}
