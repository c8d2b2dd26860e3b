package com.userautomations.automation;

/**
 * Whether the DMN decisions an automation names are loaded for its school: checked when the
 * automation is saved. The analysts' folder implements it; automations only ask.
 */
public interface DecisionCheck {
    /** Why the school cannot use this model, or null. */
    String modelProblem(String schoolId, String model);

    /** Why the school cannot use this decision of an existing model, or null. */
    String decisionProblem(String schoolId, String model, String decision);
}
