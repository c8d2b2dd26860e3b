package com.userautomations.engine;

/**
 * Evaluates the analysts' DMN decisions for one event. The engine knows nothing of DMN: the
 * service hands each fact the decider of its school before the rules see it.
 */
@FunctionalInterface
public interface Decider {
    /** Gives no result (null) for a model or decision that is not loaded, or that fails. */
    Decider NONE = (model, decision, fact) -> null;

    /** The decision's result for this fact, or null when there is none. */
    Object decide(String model, String decision, EventFact fact);
}
