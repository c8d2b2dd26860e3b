package com.userautomations.preview;

import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.AutomationService;
import com.userautomations.common.ApiException;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.SchoolService;
import com.userautomations.events.RunStore;
import com.userautomations.events.UserFacts;
import jakarta.enterprise.context.ApplicationScoped;

/** An automation's impact now: its matching users ({@link MatchingUsers}) and its waiting runs. */
@ApplicationScoped
public class ImpactPreview {
    private final AutomationService automations;
    private final SchoolService schools;
    private final MatchingUsers matching;
    private final RunStore runs;
    private final UserFacts facts;

    public ImpactPreview(AutomationService automations, SchoolService schools, MatchingUsers matching, RunStore runs,
                         UserFacts facts) {
        this.automations = automations;
        this.schools = schools;
        this.matching = matching;
        this.runs = runs;
        this.facts = facts;
    }

    /**
     * Reads only, each statement on its own: no transaction, so a long page-by-page count (a tree
     * on user.fields over a large school) is not cut off by the transaction timeout, and holds no
     * snapshot while it reads. Each count is as its statement finds the tables.
     */
    public Preview of(String schoolId, String automationId) {
        AutomationDefinition d = automations.stored(schoolId, automationId)
                .map(a -> AutomationService.parseStored(a.definitionJson()))
                .orElseThrow(() -> ApiException.notFound("No such automation"));
        SchoolInfo school = schools.info(schoolId).orElseThrow(() -> ApiException.notFound("No such school"));
        return new Preview(matching.count(school, d.conditions(), facts.decider(schoolId)),
                runs.countWaiting(schoolId, automationId));
    }
}
