package com.userautomations.events;

import com.userautomations.analyst.AnalystCompiler;
import com.userautomations.analyst.Decisions;
import com.userautomations.analyst.LiveAnalystRules;
import com.userautomations.analyst.RuleLimits;
import com.userautomations.automation.AutomationChanged;
import com.userautomations.automation.AutomationService;
import com.userautomations.automation.AutomationStore;
import com.userautomations.automation.StoredAutomation;
import com.userautomations.common.AutomationsConfig;
import com.userautomations.compile.AutomationCompiler;
import com.userautomations.compile.CompiledAutomation;
import com.userautomations.engine.AutomationRules;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.Match;
import com.userautomations.engine.RuleBaseRegistry;
import com.userautomations.engine.RuleStopped;
import com.userautomations.engine.SchoolRules;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The service's view of the engine: loads a school's active automations when its rule base is
 * first needed, and applies each saved change right after it commits. The analysts' rules
 * (rules-dmn/) are evaluated in the same pass as the automations: {@link LiveAnalystRules} compiles
 * them (a broken folder stops start-up) and swaps in a new set when the folder changes.
 */
@Startup
@ApplicationScoped
public class RuleBases {
    /** See {@link #load}: longer than any event transaction. */
    private static final Duration RECENT = Duration.ofMinutes(5);

    private final AutomationStore store;
    private final RuleBaseRegistry registry;
    private final LiveAnalystRules analyst;
    private final RuleLimits limits;
    private final RunStore runs;
    private final Definitions definitions;

    public RuleBases(AutomationStore store, AutomationsConfig config, LiveAnalystRules analyst, RuleLimits limits,
                     RunStore runs, Definitions definitions) {
        this.store = store;
        this.runs = runs;
        this.definitions = definitions;
        this.limits = limits;
        this.registry = new RuleBaseRegistry(this::load, config.ruleBaseCacheSize());
        this.analyst = analyst;
        analyst.compiled(); // compiles the folder now: a broken one stops start-up
    }

    /**
     * The school's automations that match (by automation id), then the analyst rules that fired.
     * The analysts' rules fire within their bounds ({@link RuleLimits}); a rule over them throws
     * {@link RuleStopped}, which fails the event (its transaction rolls back), and is logged.
     */
    public List<Match> evaluate(String schoolId, long rulesVersion, EventFact fact) {
        AnalystCompiler.Compiled current = analystRules();
        // decisions are evaluated only when a rule asks, against the models live at that moment
        fact.useDecider((model, decision, f) -> current.decisions().evaluate(schoolId, model, decision, f).result());
        List<Match> automations = registry.evaluate(schoolId, rulesVersion, fact);
        List<Match> rules;
        try {
            rules = current.rules().evaluate(schoolId, fact, limits.threads());
        } catch (RuleStopped stopped) {
            limits.stopped(schoolId, stopped);
            throw stopped;
        }
        if (rules.isEmpty()) {
            return automations;
        }
        List<Match> all = new ArrayList<>(automations.size() + rules.size());
        all.addAll(automations);
        all.addAll(rules);
        return all;
    }

    /**
     * Whether a waiting run of the school may have an exit goal to check: some active
     * automation has a live version with an exitWhen. Most schools have none, and then an
     * event does not look for its user's waiting runs at all.
     */
    public boolean exitGoals(String schoolId, long rulesVersion) {
        return registry.exitGoals(schoolId, rulesVersion);
    }

    /** The DMN decisions live now, for the automations of a school. */
    public Decisions decisions() {
        return analystRules().decisions();
    }

    /**
     * What the analysts' folder holds now. A reload or an upload replaces the whole set at once:
     * read it once per evaluation and use that one object throughout.
     */
    public AnalystCompiler.Compiled analystRules() {
        return analyst.compiled();
    }

    /** Runs in the saving thread after commit, so the save answers only once the rule is live. */
    void onChange(@Observes(during = TransactionPhase.AFTER_SUCCESS) AutomationChanged change) {
        if (change.definition() == null) {
            registry.remove(change.schoolId(), change.rulesVersion(), change.automationId());
        } else {
            // the version just replaced stays live too: a run of it may be committing right now
            Set<Integer> earlier = new TreeSet<>(runs.waitingVersions(change.schoolId(), change.automationId()));
            earlier.add(change.version() - 1);
            registry.upsert(change.schoolId(), change.rulesVersion(),
                    AutomationCompiler.rules(new CompiledAutomation(change.automationId(), change.version(),
                            change.definition()), earlier(change.schoolId(), change.automationId(), change.version(),
                            earlier)));
        }
    }

    /**
     * The older versions of an automation whose wait_for steps and exit goals stay live: those
     * with waiting runs (a run ends on the version it started on).
     */
    private List<CompiledAutomation> earlier(String schoolId, String automationId, int current, Set<Integer> versions) {
        List<CompiledAutomation> out = new ArrayList<>();
        for (int v : versions) {
            if (v >= 1 && v != current) {
                out.add(new CompiledAutomation(automationId, v, definitions.of(schoolId, automationId, v)));
            }
        }
        return out;
    }

    // The version is read before the list: a change committing in between then only makes the
    // cached base look older than it is, which costs a reload, never a stale base.
    //
    // The versions with waiting runs are read after the list of automations, and an automation
    // changed within RECENT also keeps the version before: an event transaction that read the
    // school before the change may still be starting a run of that version (a transaction lasts at
    // most the transaction timeout, 60 s by default).
    private SchoolRules load(String schoolId) {
        long version = store.rulesVersion(schoolId);
        List<StoredAutomation> active = store.active(schoolId);
        Map<String, Set<Integer>> waiting = runs.waitingVersions(schoolId);
        Instant recent = Instant.now().minus(RECENT);
        List<AutomationRules> automations = new ArrayList<>();
        for (StoredAutomation a : active) {
            Set<Integer> earlier = new TreeSet<>(waiting.getOrDefault(a.id(), Set.of()));
            if (a.updatedAt() != null && a.updatedAt().isAfter(recent)) {
                earlier.add(a.version() - 1);
            }
            automations.add(AutomationCompiler.rules(
                    new CompiledAutomation(a.id(), a.version(), AutomationService.parseStored(a.definitionJson())),
                    earlier(schoolId, a.id(), a.version(), earlier)));
        }
        return new SchoolRules(version, automations);
    }

}
