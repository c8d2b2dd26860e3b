package com.userautomations.compile;

import com.userautomations.engine.EventFact;
import com.userautomations.engine.Match;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.drools.core.impl.RuleBaseFactory;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/** DRL text compiled with the classic DRL compiler (tests only), evaluated on one long-lived session. */
public final class DrlKieBase implements AutoCloseable {
    private final KieSession session;

    public DrlKieBase(String drl) {
        ClassLoader loader = EventFact.class.getClassLoader();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, loader));
        builder.add(ResourceFactory.newByteArrayResource(drl.getBytes(StandardCharsets.UTF_8))
                .setSourcePath("automations.drl"), ResourceType.DRL);
        if (builder.hasErrors()) {
            throw new IllegalStateException("DRL does not compile: " + builder.getErrors());
        }
        InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase(
                RuleBaseFactory.newKnowledgeBaseConfiguration(null, loader));
        kieBase.addPackages(builder.getKnowledgePackages());
        session = kieBase.newKieSession();
    }

    /** Every match recorded for the event, in firing order. */
    public List<Match> evaluate(EventFact fact) {
        int from = fact.matches().size();
        FactHandle handle = session.insert(fact);
        session.fireAllRules();
        session.delete(handle);
        return List.copyOf(fact.matches().subList(from, fact.matches().size()));
    }

    /** The queries among {@code names} that find the fact (the session holds it alone while asked). */
    public Set<String> queriesFinding(EventFact fact, Collection<String> names) {
        Set<String> found = new HashSet<>();
        FactHandle handle = session.insert(fact);
        for (String name : names) {
            if (session.getQueryResults(name).size() > 0) {
                found.add(name);
            }
        }
        session.delete(handle);
        return found;
    }

    @Override
    public void close() {
        session.dispose();
    }
}
