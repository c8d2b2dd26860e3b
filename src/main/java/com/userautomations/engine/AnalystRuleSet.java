package com.userautomations.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every analyst rule base that is live: the global one (rules for every school) and one per
 * school that has rules of its own. Immutable; a new set replaces the old one as a whole.
 */
public final class AnalystRuleSet {
    public static final AnalystRuleSet EMPTY = new AnalystRuleSet(null, Map.of());

    private final AnalystRuleBase global;
    private final Map<String, AnalystRuleBase> bySchool;

    /** @param global null when there are no global rules */
    public AnalystRuleSet(AnalystRuleBase global, Map<String, AnalystRuleBase> bySchool) {
        this.global = global;
        this.bySchool = Map.copyOf(bySchool);
    }

    public boolean isEmpty() {
        return global == null && bySchool.isEmpty();
    }

    public Optional<AnalystRuleBase> global() {
        return Optional.ofNullable(global);
    }

    public Optional<AnalystRuleBase> school(String schoolId) {
        return Optional.ofNullable(bySchool.get(schoolId));
    }

    /** The global rules, then the school's own, each in the order they fired. */
    public List<Match> evaluate(String schoolId, EventFact fact) {
        AnalystRuleBase own = bySchool.get(schoolId);
        if (global == null && own == null) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>();
        if (global != null) {
            matches.addAll(global.evaluate(fact));
        }
        if (own != null) {
            matches.addAll(own.evaluate(fact));
        }
        return matches;
    }

    public void close() {
        if (global != null) {
            global.close();
        }
        bySchool.values().forEach(AnalystRuleBase::close);
    }
}
