package com.userautomations.analyst;

import com.userautomations.common.AutomationsConfig;
import com.userautomations.common.LogText;
import com.userautomations.common.Problem;
import com.userautomations.engine.FiringBounds;
import com.userautomations.engine.RuleStopped;
import com.userautomations.engine.RuleThreads;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The bounds the analysts' rules run within (AUTOMATIONS_ANALYST_*), the threads they fire on,
 * and the last rule stopped for going over them: logged, and reported by {@link AnalystRulesHealth}.
 */
@ApplicationScoped
public class RuleLimits {
    private static final Logger LOG = Logger.getLogger(RuleLimits.class);

    /** A rule stopped while an event was being processed, and when. */
    public record Stop(RuleStopped stopped, Instant at) {
    }

    private final RuleThreads threads;
    private final Duration healthWindow;
    private volatile Stop last;

    public RuleLimits(AutomationsConfig config) {
        AutomationsConfig.Analyst a = config.analyst();
        this.threads = new RuleThreads(new FiringBounds(a.maxFirings(), a.maxTime()), a.maxThreads(), a.maxStuck());
        this.healthWindow = a.healthWindow();
    }

    public RuleThreads threads() {
        return threads;
    }

    /** Logs and remembers a rule stopped while processing an event of the school. */
    public void stopped(String schoolId, RuleStopped e) {
        last = new Stop(e, Instant.now());
        LOG.warnf("An event of school %s was refused: %s (%d firing threads stuck)", LogText.of(schoolId),
                LogText.of(e.getMessage()), threads.stuck());
    }

    /** The last stop, if it was within the health window. */
    public Optional<Stop> recentStop() {
        Stop s = last;
        return s != null && s.at().plus(healthWindow).isAfter(Instant.now()) ? Optional.of(s) : Optional.empty();
    }

    /**
     * The answer to an event whose analysts' rules were stopped: a 500 (API.md: for bugs only, and
     * a rule over its bounds is one, in the analysts' code), whose detail names the rule and its file.
     */
    public static Problem problem(RuleStopped e) {
        return Problem.of(500, e.getMessage() + "; the event was not stored and changed nothing", null);
    }

    @PreDestroy
    void close() {
        threads.close();
    }
}
