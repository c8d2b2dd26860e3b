package com.userautomations.compile;

import com.userautomations.automation.AutomationDefinition;
import java.util.Objects;

/** One saved version of an automation: what the compiler turns into rules. */
public record CompiledAutomation(String automationId, int version, AutomationDefinition definition) {

    public CompiledAutomation {
        Objects.requireNonNull(automationId, "automationId");
        Objects.requireNonNull(definition, "definition");
    }
}
