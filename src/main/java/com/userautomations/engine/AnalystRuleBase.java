package com.userautomations.engine;

import com.userautomations.automation.Action;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.definition.KiePackage;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Analysts' rules (compiled from DRL or decision tables) as one immutable KieBase with a small
 * pool of long-lived sessions. It is evaluated in the same pass as a school's automations, on
 * the same {@link EventFact}; each rule that fires becomes a {@link Match} named
 * {@code rule:<rule name>} carrying the actions its consequence recorded.
 *
 * <p>An agenda listener tells the fact which rule is firing, so consequences record actions
 * with plain calls ({@code $e.addTags("b2b")}). A session whose rules inserted facts of their own
 * is disposed rather than reused, so nothing carries over from one event to the next; so is one
 * whose firing was stopped ({@link FiringBounds}), since its thread may still be inside it.
 */
public final class AnalystRuleBase {
    private final InternalKnowledgeBase kieBase;
    private final SessionPool<Evaluator> sessions;
    private final int ruleCount;

    public AnalystRuleBase(Collection<KiePackage> packages, int maxIdleSessions) {
        ClassLoader loader = EventFact.class.getClassLoader();
        kieBase = KnowledgeBaseFactory.newKnowledgeBase(RuleBaseFactory.newKnowledgeBaseConfiguration(null, loader));
        kieBase.addPackages(packages);
        ruleCount = packages.stream().mapToInt(p -> p.getRules().size()).sum();
        sessions = new SessionPool<>(this::newEvaluator, Evaluator::dispose, maxIdleSessions);
    }

    public int ruleCount() {
        return ruleCount;
    }

    /**
     * The analyst rules that fired for the event, in the order they first fired, on this thread
     * (no time bound: tests and benchmarks), at most {@link FiringBounds#DEFAULT}'s firings.
     */
    public List<Match> evaluate(EventFact fact) {
        return evaluate(fact, new Firing(FiringBounds.DEFAULT), true);
    }

    /**
     * Fires the rules for the event as part of {@code firing}. A pooled session is given back
     * only when the firing was neither stopped nor left facts behind; any other is disposed (by
     * the thread that fired it, once its consequence came back, so never while in use).
     */
    List<Match> evaluate(EventFact fact, Firing firing, boolean pooled) {
        int from = fact.recordedActions().size();
        Evaluator e = pooled ? sessions.borrow() : newEvaluator();
        boolean reusable = false;
        try {
            if (!firing.enter(e.session)) {
                return List.of();
            }
            e.listener.current = fact;
            e.listener.firing = firing;
            int fired;
            FactHandle handle = e.session.insert(fact);
            try {
                fired = e.session.fireAllRules(firing.allowance());
            } finally {
                firing.leave();
                e.session.delete(handle);
                e.listener.current = null;
                e.listener.firing = null;
                fact.firing(null);
            }
            firing.fired(fired); // throws over the bound
            reusable = !firing.stopped() && e.session.getFactCount() == 0;
        } finally {
            if (pooled) {
                sessions.giveBack(e, reusable);
            } else {
                e.dispose();
            }
        }
        List<Match> matches = new ArrayList<>();
        int i = 0;
        for (Map.Entry<String, List<Action>> r : fact.recordedActions().entrySet()) {
            if (i++ >= from) {
                matches.add(new Match(r.getKey(), 0, r.getValue()));
            }
        }
        return matches;
    }

    /** The pooled sessions idle now (tests). */
    int idleSessions() {
        return sessions.idleCount();
    }

    private Evaluator newEvaluator() {
        return new Evaluator(kieBase.newKieSession());
    }

    /** Disposes the idle sessions; sessions in use are disposed when given back. */
    public void close() {
        sessions.close();
    }

    private static final class Evaluator {
        final KieSession session;
        final FiringListener listener = new FiringListener();

        Evaluator(KieSession session) {
            this.session = session;
            session.addEventListener(listener);
        }

        void dispose() {
            session.dispose();
        }
    }

    /** Tells the evaluated fact which rule's consequence is running. */
    private static final class FiringListener extends DefaultAgendaEventListener {
        EventFact current;
        Firing firing;

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            if (firing != null) {
                firing.before(event.getMatch().getRule());
            }
            if (current != null) {
                current.firing(Match.RULE_PREFIX + event.getMatch().getRule().getName());
            }
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            if (current != null) {
                current.firing(null);
            }
            if (firing != null) {
                firing.after(event.getMatch().getRule());
            }
        }
    }
}
