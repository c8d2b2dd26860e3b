package com.userautomations.automation;

/**
 * Fired after an automation change commits. The rule base listens, so the save answers only
 * once the change is live. {@code definition} is null when the automation was deleted.
 */
public record AutomationChanged(String schoolId, long rulesVersion, String automationId, int version,
                                AutomationDefinition definition) {
}
