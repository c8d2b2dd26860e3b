package com.userautomations.automation;

import java.util.Optional;

/** The steps of a flow that are not actions (actions are {@link ActionType}). */
public enum StepType implements WireNamed {
    IF,
    EXIT,
    WAIT_FOR;

    public static Optional<StepType> fromWire(String wire) {
        return WireNames.find(values(), wire);
    }
}
