package com.userautomations.rules;

import com.userautomations.automation.AutomationChanged;
import com.userautomations.automation.AutomationService;
import com.userautomations.automation.AutomationStore;
import com.userautomations.automation.StoredAutomation;
import com.userautomations.common.AutomationsConfig;
import com.userautomations.compile.CompiledAutomation;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.Match;
import com.userautomations.engine.RuleBaseRegistry;
import com.userautomations.engine.SchoolRules;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.util.ArrayList;
import java.util.List;

/**
 * The service's view of the engine: loads a school's active automations when its rule base is
 * first needed, and applies each saved change right after it commits.
 */
@ApplicationScoped
public class RuleBases {
    private final AutomationStore store;
    private final RuleBaseRegistry registry;

    public RuleBases(AutomationStore store, AutomationsConfig config) {
        this.store = store;
        this.registry = new RuleBaseRegistry(this::load, config.ruleBaseCacheSize());
    }

    public List<Match> evaluate(String schoolId, long rulesVersion, EventFact fact) {
        return registry.evaluate(schoolId, rulesVersion, fact);
    }

    /** Runs in the saving thread after commit, so the save answers only once the rule is live. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) AutomationChanged change) {
        if (change.definition() == null) {
            registry.remove(change.schoolId(), change.rulesVersion(), change.automationId());
        } else {
            registry.upsert(change.schoolId(), change.rulesVersion(),
                    new CompiledAutomation(change.automationId(), change.version(), change.definition()));
        }
    }

    // The version is read before the list: a change committing in between then only makes the
    // cached base look older than it is, which costs a reload, never a stale base.
    private SchoolRules load(String schoolId) {
        long version = store.rulesVersion(schoolId);
        List<CompiledAutomation> automations = new ArrayList<>();
        for (StoredAutomation a : store.active(schoolId)) {
            automations.add(new CompiledAutomation(a.id(), a.version(), AutomationService.parseStored(a.definitionJson())));
        }
        return new SchoolRules(version, automations);
    }
}
