package com.userautomations.engine;

import java.util.List;

/** What the loader returns for a school: its rules version and its active automations' rules. */
public record SchoolRules(long rulesVersion, List<AutomationRules> automations) {

    public SchoolRules {
        automations = List.copyOf(automations);
    }
}
