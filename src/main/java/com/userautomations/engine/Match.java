package com.userautomations.engine;

import com.userautomations.automation.Action;
import java.util.List;

/**
 * What a rule consequence records. For an automation: "automation A, version V, matched this
 * event", and its actions are those of its stored definition ({@code actions} is null). For an
 * analyst rule: {@code automationId} is {@code rule:<rule name>} and {@code actions} are the
 * ones its consequence recorded (possibly none).
 */
public record Match(String automationId, int version, List<Action> actions) {

    public Match {
        actions = actions == null ? null : List.copyOf(actions);
    }

    public Match(String automationId, int version) {
        this(automationId, version, null);
    }

    /** The prefix of the run id ({@code automationId}) of an analyst rule. */
    public static final String RULE_PREFIX = "rule:";

    public boolean fromAnalystRule() {
        return actions != null;
    }
}
