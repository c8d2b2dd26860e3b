package com.userautomations.engine;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.StampedLock;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.model.Rule;
import org.drools.model.impl.ModelImpl;
import org.drools.modelcompiler.CanonicalKiePackages;
import org.drools.modelcompiler.KieBaseBuilder;
import org.drools.modelcompiler.KiePackagesBuilder;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * One school's mutable KieBase and a small pool of long-lived sessions on it. Evaluations share
 * the read lock (each on its own session); changing rules takes the write lock, so no session is
 * in use while the network changes. The lock is a {@link StampedLock} (a read lock is one
 * compare-and-set each way, no per-thread hold count); nothing here takes it twice on a thread.
 */
final class SchoolRuleBase {
    private final KieBaseConfiguration conf;
    private final InternalKnowledgeBase kieBase;
    private final SessionPool<KieSession> sessions;
    private final StampedLock lock = new StampedLock();
    /** Rule names per automation id; guarded by the write lock. */
    private final Map<String, List<String>> ruleNames = new HashMap<>();
    /** The automations whose live versions have an exitWhen; guarded by the write lock. */
    private final java.util.Set<String> exitGoals = new java.util.HashSet<>();
    /** Whether {@link #exitGoals} holds any: read on every event without the lock. */
    private volatile boolean anyExitGoals;
    private volatile long rulesVersion;
    /** The registry's LRU stamp: written and read opaquely (atomic, no fence; eviction needs no more). */
    @SuppressWarnings("unused")
    private long lastUsed;
    private static final VarHandle LAST_USED;

    static {
        try {
            LAST_USED = MethodHandles.lookup().findVarHandle(SchoolRuleBase.class, "lastUsed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private SchoolRuleBase(KieBaseConfiguration conf, InternalKnowledgeBase kieBase, long rulesVersion,
            int maxIdleSessions) {
        this.conf = conf;
        this.kieBase = kieBase;
        this.rulesVersion = rulesVersion;
        this.sessions = new SessionPool<>(kieBase::newKieSession, KieSession::dispose, maxIdleSessions);
    }

    static SchoolRuleBase build(SchoolRules rules, int maxIdleSessions) {
        // Drools must see the class loader of our fact classes, not the thread's context loader
        KieBaseConfiguration conf = RuleBaseFactory.newKnowledgeBaseConfiguration(null,
                EventFact.class.getClassLoader());
        Map<String, List<String>> names = new HashMap<>();
        ModelImpl model = new ModelImpl();
        for (AutomationRules a : rules.automations()) {
            if (!a.rules().isEmpty()) {
                a.rules().forEach(model::addRule);
                names.put(a.automationId(), a.rules().stream().map(Rule::getName).toList());
            }
        }
        InternalKnowledgeBase kieBase = new KieBaseBuilder(conf).createKieBase(packages(conf, model));
        SchoolRuleBase base = new SchoolRuleBase(conf, kieBase, rules.rulesVersion(), maxIdleSessions);
        base.ruleNames.putAll(names);
        rules.automations().stream().filter(AutomationRules::exitGoals).forEach(a -> base.exitGoals.add(a.automationId()));
        base.anyExitGoals = !base.exitGoals.isEmpty();
        return base;
    }

    private static CanonicalKiePackages packages(KieBaseConfiguration conf,
            ModelImpl model) {
        KiePackagesBuilder builder = new KiePackagesBuilder(conf);
        builder.addModel(model);
        return builder.build();
    }

    long rulesVersion() {
        return rulesVersion;
    }

    /** The registry marks a use for its LRU order. */
    void used(long tick) {
        LAST_USED.setOpaque(this, tick);
    }

    long lastUsed() {
        return (long) LAST_USED.getOpaque(this);
    }

    /** One match per automation, ordered by automation id. */
    List<Match> evaluate(EventFact fact) {
        long stamp = lock.readLock();
        try {
            int from = fact.matchCount();
            KieSession session = sessions.borrow();
            boolean reusable = false;
            try {
                FactHandle handle = session.insert(fact);
                try {
                    session.fireAllRules();
                } finally {
                    session.delete(handle);
                }
                reusable = true;
            } finally {
                sessions.giveBack(session, reusable);
            }
            return distinct(fact, from);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * The fact's matches from index {@code from} on, the first of each automation, ordered by
     * automation id. Zero, one or two matches (nearly every event) need no map.
     */
    private static List<Match> distinct(EventFact fact, int from) {
        int n = fact.matchCount() - from;
        if (n <= 0) {
            return List.of();
        }
        Match first = fact.matchAt(from);
        if (n == 1) {
            return List.of(first);
        }
        if (n == 2) {
            Match second = fact.matchAt(from + 1);
            int c = first.automationId().compareTo(second.automationId());
            return c == 0 ? List.of(first) : c < 0 ? List.of(first, second) : List.of(second, first);
        }
        TreeMap<String, Match> byId = new TreeMap<>();
        for (int i = from, to = from + n; i < to; i++) {
            Match m = fact.matchAt(i);
            byId.putIfAbsent(m.automationId(), m);
        }
        return List.copyOf(byId.values());
    }

    /** Replaces the automation's rules (removes them if it has none: it is not active) in place. */
    void upsert(long newRulesVersion, AutomationRules a) {
        long stamp = lock.writeLock();
        try {
            removeRules(a.automationId());
            if (!a.rules().isEmpty()) {
                ModelImpl model = new ModelImpl();
                a.rules().forEach(model::addRule);
                kieBase.addPackages(packages(conf, model).getKiePackages());
                ruleNames.put(a.automationId(), a.rules().stream().map(Rule::getName).toList());
            }
            if (a.exitGoals()) {
                exitGoals.add(a.automationId());
            }
            anyExitGoals = !exitGoals.isEmpty();
            rulesVersion = newRulesVersion;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    void remove(long newRulesVersion, String automationId) {
        long stamp = lock.writeLock();
        try {
            removeRules(automationId);
            rulesVersion = newRulesVersion;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Whether some active automation of the school has a live version with an exitWhen: if not,
     * no waiting run can have a goal to check, and an event need not look for them.
     */
    boolean exitGoals() {
        return anyExitGoals;
    }

    private void removeRules(String automationId) {
        exitGoals.remove(automationId);
        anyExitGoals = !exitGoals.isEmpty();
        List<String> names = ruleNames.remove(automationId);
        if (names != null) {
            names.forEach(name -> kieBase.removeRule(AutomationRules.RULE_PACKAGE, name));
        }
    }

    int ruleCount() {
        long stamp = lock.readLock();
        try {
            return ruleNames.values().stream().mapToInt(List::size).sum();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Disposes the idle sessions; sessions in use are disposed when given back. */
    void close() {
        sessions.close();
    }
}
