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
 * is disposed rather than reused, so nothing carries over from one event to the next.
 */
public final class AnalystRuleBase {
    /** More firings than this for one event means a rule loops (insert/modify); the event fails. */
    public static final int MAX_FIRINGS = 1000;

    private final InternalKnowledgeBase kieBase;
    private final SessionPool<Evaluator> sessions;
    private final int ruleCount;

    public AnalystRuleBase(Collection<KiePackage> packages, int maxIdleSessions) {
        ClassLoader loader = EventFact.class.getClassLoader();
        kieBase = KnowledgeBaseFactory.newKnowledgeBase(RuleBaseFactory.newKnowledgeBaseConfiguration(null, loader));
        kieBase.addPackages(packages);
        ruleCount = packages.stream().mapToInt(p -> p.getRules().size()).sum();
        sessions = new SessionPool<>(() -> new Evaluator(kieBase.newKieSession()), e -> e.session.dispose(),
                maxIdleSessions);
    }

    public int ruleCount() {
        return ruleCount;
    }

    /** The analyst rules that fired for the event, in the order they first fired. */
    public List<Match> evaluate(EventFact fact) {
        int from = fact.recordedActions().size();
        Evaluator e = sessions.borrow();
        boolean reusable = false;
        try {
            e.listener.current = fact;
            int fired;
            FactHandle handle = e.session.insert(fact);
            try {
                fired = e.session.fireAllRules(MAX_FIRINGS);
            } finally {
                e.session.delete(handle);
                e.listener.current = null;
                fact.firing(null);
            }
            if (fired >= MAX_FIRINGS) {
                throw new IllegalStateException(String.format("analysts' rules fired more than %d times for one event; "
                        + "one of them probably loops (insert or modify in a consequence)", MAX_FIRINGS));
            }
            reusable = e.session.getFactCount() == 0;
        } finally {
            sessions.giveBack(e, reusable);
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
    }

    /** Tells the evaluated fact which rule's consequence is running. */
    private static final class FiringListener extends DefaultAgendaEventListener {
        EventFact current;

        @Override
        public void beforeMatchFired(BeforeMatchFiredEvent event) {
            if (current != null) {
                current.firing(Match.RULE_PREFIX + event.getMatch().getRule().getName());
            }
        }

        @Override
        public void afterMatchFired(AfterMatchFiredEvent event) {
            if (current != null) {
                current.firing(null);
            }
        }
    }
}
