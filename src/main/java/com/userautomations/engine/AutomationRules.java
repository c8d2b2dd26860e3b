package com.userautomations.engine;

import java.util.List;
import java.util.Objects;
import org.drools.model.Rule;

/**
 * One automation's rules, compiled elsewhere: the engine takes them as data. They are its
 * version's trigger rules and the wait rules of every version that may have waiting runs; an
 * empty list means the automation has no live rules (it is not active). {@code exitGoals}: one
 * of those versions has an exitWhen, so the user's waiting runs are checked on each event.
 */
public record AutomationRules(String automationId, int version, List<Rule> rules, boolean exitGoals) {
    /** The Drools package of every automation rule: a rule is removed by package and name. */
    public static final String RULE_PACKAGE = "com.userautomations.rules";

    public AutomationRules {
        Objects.requireNonNull(automationId, "automationId");
        rules = List.copyOf(rules);
    }

    public AutomationRules(String automationId, int version, List<Rule> rules) {
        this(automationId, version, rules, false);
    }
}
