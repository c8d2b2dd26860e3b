package com.userautomations.engine;

import java.util.HashMap;
import java.util.Map;
import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieSession;

/**
 * One event's firing of the analysts' rules, across the global and the school's rule base: the
 * firings counted against the bound, the rule whose consequence runs now, and the session in use,
 * so that the waiting thread can halt it. Counts are touched only by the firing thread; what the
 * waiting thread reads (the rule running, the session, the stop) is volatile.
 */
final class Firing {
    private final FiringBounds bounds;
    private final Map<String, Integer> counts = new HashMap<>();
    private final Map<String, Rule> rules = new HashMap<>();
    private int fired;
    private volatile boolean stopped;
    private volatile KieSession session;
    private volatile Rule running;
    private volatile Rule last;

    Firing(FiringBounds bounds) {
        this.bounds = bounds;
    }

    /** The session about to fire; false when the firing was stopped already (do not fire). */
    boolean enter(KieSession s) {
        session = s;
        return !stopped; // halt() sets stopped before it reads session: one of us sees the other
    }

    void leave() {
        session = null;
    }

    /** How many firings the session may make: one more than the bound, to tell "over" from "at". */
    int allowance() {
        return bounds.maxFirings() - fired + 1;
    }

    void before(Rule rule) {
        running = rule;
    }

    void after(Rule rule) {
        running = null;
        last = rule;
        counts.merge(rule.getName(), 1, Integer::sum);
        rules.putIfAbsent(rule.getName(), rule);
    }

    /** Adds a session's firings; over the bound, the rule that fired most is stopped. */
    void fired(int n) {
        fired += n;
        if (fired > bounds.maxFirings()) {
            stopped = true;
            String top = counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse(last == null ? "?" : last.getName());
            throw RuleStopped.firings(top, fileOf(rules.get(top)), counts.getOrDefault(top, fired), bounds);
        }
    }

    /** Called by the waiting thread past the time bound: the session stops after the running consequence. */
    void halt() {
        stopped = true;
        KieSession s = session;
        if (s != null) {
            s.halt();
        }
    }

    boolean stopped() {
        return stopped;
    }

    /** The rule whose consequence was running when the time ran out (null: none, it was matching). */
    RuleStopped overTime() {
        Rule r = running;
        return RuleStopped.time(r == null ? null : r.getName(), fileOf(r), bounds);
    }

    static String fileOf(Rule rule) {
        if (rule instanceof RuleImpl impl && impl.getResource() != null && impl.getResource().getSourcePath() != null) {
            return impl.getResource().getSourcePath();
        }
        return rule == null ? null : "an unknown file";
    }
}
