package com.userautomations.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

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

    /**
     * The global rules, then the school's own, each in the order they fired, on this thread, at
     * most {@link FiringBounds#DEFAULT}'s firings and no time bound (tests, benchmarks).
     */
    public List<Match> evaluate(String schoolId, EventFact fact) {
        return fire(schoolId, fact, new Firing(FiringBounds.DEFAULT), true);
    }

    /**
     * The same within the bounds of {@code threads}: the rules fire on one of its threads, and
     * the caller waits at most the time bound. Over a bound: {@link RuleStopped}, and the fact
     * must be dropped (a stopped consequence may still be recording into it).
     */
    public List<Match> evaluate(String schoolId, EventFact fact, RuleThreads threads) {
        if (global == null && !bySchool.containsKey(schoolId)) {
            return List.of();
        }
        Firing firing = new Firing(threads.bounds());
        return threads.run(firing, () -> fire(schoolId, fact, firing, true));
    }

    /**
     * Fires every rule base of the set (the global one, then each school's) on the events
     * {@code events} gives for its school (null for the global one), one firing each, within the
     * bounds, in sessions of their own disposed afterwards: how a new set is tried before it goes
     * live. The first rule over a bound throws {@link RuleStopped}; other failures are ignored.
     */
    public void tryOut(Function<String, List<EventFact>> events, RuleThreads threads) {
        if (global != null) {
            tryOut(global, events.apply(null), threads);
        }
        for (Map.Entry<String, AnalystRuleBase> own : new TreeMap<>(bySchool).entrySet()) {
            tryOut(own.getValue(), events.apply(own.getKey()), threads);
        }
    }

    private static void tryOut(AnalystRuleBase base, List<EventFact> events, RuleThreads threads) {
        for (EventFact fact : events) {
            Firing firing = new Firing(threads.bounds());
            try {
                threads.run(firing, () -> base.evaluate(fact, firing, false));
            } catch (RuleStopped stopped) {
                throw stopped;
            } catch (RuntimeException failed) {
                // a consequence that fails on a made-up event is not what this tries: a real
                // event it fails on fails as it always did
            }
        }
    }

    private List<Match> fire(String schoolId, EventFact fact, Firing firing, boolean pooled) {
        AnalystRuleBase own = bySchool.get(schoolId);
        if (global == null && own == null) {
            return List.of();
        }
        List<Match> matches = new ArrayList<>();
        if (global != null) {
            matches.addAll(global.evaluate(fact, firing, pooled));
        }
        if (own != null) {
            matches.addAll(own.evaluate(fact, firing, pooled));
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
