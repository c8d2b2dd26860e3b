package com.userautomations.automation;

import java.util.List;
import java.util.Objects;

/**
 * One step of an automation's {@code actions} list (API.md 1.1, "Flows"): an action, an
 * {@code if} with its branches, or an {@code exit}. The kinds are a closed set.
 */
public sealed interface Step {

    /** An action (a wait among them), carried out when the run reaches it. */
    record Act(Action action) implements Step {
        public Act {
            Objects.requireNonNull(action, "action");
        }
    }

    /** {@code then} when the conditions hold on the user as they are when the run gets here, else {@code otherwise}. */
    record If(Condition conditions, List<Step> then, List<Step> otherwise) implements Step {
        public If {
            Objects.requireNonNull(conditions, "conditions");
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
        return (this instanceof If ? StepType.IF : StepType.EXIT).wireName();
    }
}
