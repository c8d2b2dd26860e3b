package com.userautomations.rules;

import com.userautomations.analyst.AnalystCompiler;
import com.userautomations.analyst.Decisions;
import com.userautomations.analyst.RuleFilesRefused;
import com.userautomations.analyst.RulesFolder;
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
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's view of the engine: loads a school's active automations when its rule base is
 * first needed, and applies each saved change right after it commits. The analysts' rules
 * (rules-dmn/) are compiled once at start-up (a broken file stops it) and evaluated in the same
 * pass as the automations.
 */
@Startup
@ApplicationScoped
public class RuleBases {
    private static final Logger LOG = Logger.getLogger(RuleBases.class);

    private final AutomationStore store;
    private final RuleBaseRegistry registry;
    private final Path rulesDir;
    private volatile AnalystCompiler.Compiled analyst;

    public RuleBases(AutomationStore store, AutomationsConfig config) {
        this.store = store;
        this.registry = new RuleBaseRegistry(this::load, config.ruleBaseCacheSize());
        this.rulesDir = Path.of(config.rulesDir());
        this.analyst = loadAnalystRules(rulesDir);
    }

    /** The school's automations that match (by automation id), then the analyst rules that fired. */
    public List<Match> evaluate(String schoolId, long rulesVersion, EventFact fact) {
        AnalystCompiler.Compiled current = analyst;
        // decisions are evaluated only when a rule asks, against the models live at that moment
        fact.useDecider((model, decision, f) -> current.decisions().evaluate(schoolId, model, decision, f).result());
        List<Match> automations = registry.evaluate(schoolId, rulesVersion, fact);
        List<Match> rules = current.rules().evaluate(schoolId, fact);
        if (rules.isEmpty()) {
            return automations;
        }
        List<Match> all = new ArrayList<>(automations.size() + rules.size());
        all.addAll(automations);
        all.addAll(rules);
        return all;
    }

    /** The DMN decisions live now, for the automations of a school. */
    public Decisions decisions() {
        return analyst.decisions();
    }

    /** What the analysts' folder holds now. */
    public AnalystCompiler.Compiled analystRules() {
        return analyst;
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

    /** Compiles the analysts' folder; a broken file throws, which stops start-up. */
    private static AnalystCompiler.Compiled loadAnalystRules(Path dir) {
        long start = System.nanoTime();
        AnalystCompiler.Compiled compiled;
        try {
            compiled = AnalystCompiler.compile(RulesFolder.read(dir), RuleBaseRegistry.DEFAULT_IDLE_SESSIONS_PER_SCHOOL);
        } catch (RuleFilesRefused e) {
            LOG.errorf("The analysts' rules in %s do not load; the service does not start until they are fixed.%n%s",
                    dir.toAbsolutePath(), e.getMessage());
            throw e;
        }
        if (compiled.files().isEmpty()) {
            LOG.infof("No analysts' rules in %s", dir.toAbsolutePath());
        } else {
            LOG.infof("Loaded %d analysts' rules from %d files in %s in %d ms", compiled.ruleCount(),
                    compiled.files().size(), dir.toAbsolutePath(), (System.nanoTime() - start) / 1_000_000);
        }
        return compiled;
    }
}
