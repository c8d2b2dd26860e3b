package com.userautomations.engine;

import com.userautomations.compile.CompiledAutomation;
import java.util.List;

/** What the loader returns for a school: its rules version and its active automations. */
public record SchoolRules(long rulesVersion, List<CompiledAutomation> automations) {

    public SchoolRules {
        automations = List.copyOf(automations);
    }
}
