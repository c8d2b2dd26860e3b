package com.userautomations.analyst;

import com.userautomations.automation.DecisionCheck;
import jakarta.enterprise.context.ApplicationScoped;

/** Checks an automation's decisions against the DMN models live now. */
@ApplicationScoped
public class LiveDecisionCheck implements DecisionCheck {
    private final LiveAnalystRules rules;

    public LiveDecisionCheck(LiveAnalystRules rules) {
        this.rules = rules;
    }

    @Override
    public String modelProblem(String schoolId, String model) {
        return rules.decisions().modelProblem(schoolId, model);
    }

    @Override
    public String decisionProblem(String schoolId, String model, String decision) {
        return rules.decisions().problem(schoolId, model, decision);
    }
}
