package com.userautomations.engine;

import java.util.List;
import java.util.Objects;
import org.drools.model.Rule;

/**
 * One automation version's rules, compiled elsewhere: the engine takes them as data. An empty
 * list means the automation has no live rules (it is not active).
 */
public record AutomationRules(String automationId, int version, List<Rule> rules) {
    /** The Drools package of every automation rule: a rule is removed by package and name. */
    public static final String RULE_PACKAGE = "com.userautomations.rules";

    public AutomationRules {
        Objects.requireNonNull(automationId, "automationId");
        rules = List.copyOf(rules);
    }
}
