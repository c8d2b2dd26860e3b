package com.userautomations.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.userautomations.automation.Condition;
import com.userautomations.compile.AutomationCompiler;
import com.userautomations.engine.EventFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Evaluates a flow's conditions (an if's, exitWhen) when a run gets there, with the compiler's
 * predicates for the tree ({@link AutomationCompiler#stepCondition}), on a fact built at that
 * moment: the starting event with the user as they are now. Decisions read the analysts' models
 * live now, as in an event's evaluation.
 */
@ApplicationScoped
public class StepConditions {
    private static final int MAX_ENTRIES = 20_000;

    private final RuleBases rules;
    /** Compiled once per tree (the trees of a version never change; equal trees share their predicate). */
    private final Cache<Condition, Predicate<EventFact>> compiled = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();

    public StepConditions(RuleBases rules) {
        this.rules = rules;
    }

    /** How a run of this school asks whether a tree holds: on a fact {@code fact} builds when asked. */
    Predicate<Condition> on(String schoolId, Supplier<EventFact> fact) {
        return tree -> {
            EventFact now = fact.get().useDecider(rules.decisions().deciderFor(schoolId));
            return compiled.get(tree, AutomationCompiler::stepCondition).test(now);
        };
    }
}
