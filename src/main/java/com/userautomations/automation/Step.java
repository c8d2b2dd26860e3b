package com.userautomations.automation;

import java.util.List;
import java.util.Objects;

import java.time.Duration;

/**
 * One step of an automation's {@code actions} list (API.md 1.1, "Flows"): an action, an
 * {@code if} or a {@code wait_for} with their branches, or an {@code exit}. The kinds are a
 * closed set.
 */
public sealed interface Step {

    /** A step with two lists, {@code then} and {@code else} ({@code otherwise}); a run takes one of them. */
    sealed interface Branching extends Step {
        List<Step> then();

        List<Step> otherwise();

        /** The list a branch name ({@code then} or {@code else}) stands for. */
        default List<Step> branch(String name) {
            return "then".equals(name) ? then() : otherwise();
        }
    }

    /** An action (a wait among them), carried out when the run reaches it. */
    record Act(Action action) implements Step {
        public Act {
            Objects.requireNonNull(action, "action");
        }
    }

    /** {@code then} when the conditions hold on the user as they are when the run gets here, else {@code otherwise}. */
    record If(Condition conditions, List<Step> then, List<Step> otherwise) implements Branching {
        public If {
            Objects.requireNonNull(conditions, "conditions");
            then = Lists.copy(then);
            otherwise = Lists.copy(otherwise);
        }
    }

    /**
     * Waits for the user's next event that {@code event} (a trigger's type and filters) matches,
     * then takes {@code then}; at {@code timeout} takes {@code otherwise} instead.
     */
    record WaitFor(Trigger event, Duration timeout, List<Step> then, List<Step> otherwise) implements Branching {
        public WaitFor {
            Objects.requireNonNull(event, "event");
            Objects.requireNonNull(timeout, "timeout");
            then = Lists.copy(then);
            otherwise = Lists.copy(otherwise);
        }
    }

    /** Ends the whole run, completed. */
    record Exit() implements Step {
    }

    /** The wire name of the step's type. */
    default String typeName() {
        if (this instanceof Act a) {
            return a.action().type().wireName();
        }
        return (this instanceof If ? StepType.IF : this instanceof WaitFor ? StepType.WAIT_FOR : StepType.EXIT).wireName();
    }
}
