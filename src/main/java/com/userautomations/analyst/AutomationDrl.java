package com.userautomations.analyst;

import com.userautomations.automation.AutomationService;
import com.userautomations.automation.StoredAutomation;
import com.userautomations.common.ApiException;
import com.userautomations.compile.CompiledAutomation;
import com.userautomations.compile.DrlRenderer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The DRL an automation compiles to. Here, not in the automation service: automation may not
 * know the compiler (ArchitectureTest), the analysts' side may.
 */
@ApplicationScoped
public class AutomationDrl {
    private final AutomationService automations;

    public AutomationDrl(AutomationService automations) {
        this.automations = automations;
    }

    public String of(String schoolId, String id) {
        StoredAutomation a = automations.stored(schoolId, id)
                .orElseThrow(() -> ApiException.notFound("No such automation"));
        return DrlRenderer.render(new CompiledAutomation(a.id(), a.version(), AutomationService.parseStored(a.definitionJson())));
    }
}
