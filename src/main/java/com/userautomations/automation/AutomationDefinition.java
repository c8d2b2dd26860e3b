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

/** An automation as the admin wrote it: when (triggers), only if (conditions), then (actions). */
public record AutomationDefinition(String name, AutomationStatus status, List<Trigger> triggers,
        Condition conditions, List<Action> actions, Reentry reentry) {

    public AutomationDefinition {
        Objects.requireNonNull(name, "name");
        status = status == null ? AutomationStatus.ACTIVE : status;
        triggers = List.copyOf(triggers);
        actions = List.copyOf(actions);
        reentry = reentry == null ? Reentry.EVERY_TIME : reentry;
    }

    public boolean isActive() {
        return status == AutomationStatus.ACTIVE;
    }

    /** Every course id named by triggers, conditions and actions (for the caller's existence check). */
    public Set<String> referencedCourseIds() {
        SortedSet<String> ids = new TreeSet<>();
        triggers.forEach(t -> ids.addAll(t.courseIds()));
        for (Condition c : leaves()) {
            if (c instanceof Condition.EnrolledIn e) {
                ids.addAll(e.courseIds());
            } else if (c instanceof Condition.CompletedCourse cc) {
                ids.addAll(cc.courseIds());
            }
        }
        actions.forEach(a -> ids.addAll(a.courseIds()));
        return Collections.unmodifiableSortedSet(ids);
    }

    /** Every space id named by conditions and actions. */
    public Set<String> referencedSpaceIds() {
        SortedSet<String> ids = new TreeSet<>();
        for (Condition c : leaves()) {
            if (c instanceof Condition.InSpace s) {
                ids.addAll(s.spaceIds());
            }
        }
        actions.forEach(a -> ids.addAll(a.spaceIds()));
        return Collections.unmodifiableSortedSet(ids);
    }

    /** The leaves of the condition tree in document order; iterative so that no tree can overflow the stack. */
    public List<Condition> leaves() {
        List<Condition> leaves = new ArrayList<>();
        Deque<Condition> todo = new ArrayDeque<>();
        if (conditions != null) {
            todo.push(conditions);
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
