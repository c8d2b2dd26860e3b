package com.userautomations.preview;

import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.AutomationService;
import com.userautomations.automation.Condition;
import com.userautomations.common.ApiException;
import com.userautomations.compile.AutomationCompiler;
import com.userautomations.compile.ConditionSql;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.SchoolService;
import com.userautomations.directory.UserState;
import com.userautomations.directory.UserStore;
import com.userautomations.engine.Decider;
import com.userautomations.engine.EventFact;
import com.userautomations.events.RunStore;
import com.userautomations.events.UserFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.function.Predicate;

/**
 * Counts an automation's impact now. A tree SQL holds exactly is one COUNT; otherwise the users
 * of its (superset) filter are read in pages by id and each is tested with the compiled
 * predicate, so memory stays one page whatever the school's size.
 */
@ApplicationScoped
public class ImpactPreview {
    static final int PAGE = 500;

    private final AutomationService automations;
    private final SchoolService schools;
    private final UserStore users;
    private final RunStore runs;
    private final UserFacts facts;

    public ImpactPreview(AutomationService automations, SchoolService schools, UserStore users, RunStore runs,
                         UserFacts facts) {
        this.automations = automations;
        this.schools = schools;
        this.users = users;
        this.runs = runs;
        this.facts = facts;
    }

    @Transactional
    public Preview of(String schoolId, String automationId) {
        AutomationDefinition d = automations.stored(schoolId, automationId)
                .map(a -> AutomationService.parseStored(a.definitionJson()))
                .orElseThrow(() -> ApiException.notFound("No such automation"));
        SchoolInfo school = schools.info(schoolId).orElseThrow(() -> ApiException.notFound("No such school"));
        return new Preview(matchingUsers(school, d.conditions(), facts.decider(schoolId)),
                runs.countWaiting(schoolId, automationId));
    }

    /** The users of the school the tree accepts now, with no event, decisions made by {@code decider}. */
    public long matchingUsers(SchoolInfo school, Condition tree, Decider decider) {
        ConditionSql.Filter filter = ConditionSql.of(tree);
        if (filter.exact()) {
            return users.count(school.id(), filter.sql(), filter.params());
        }
        Predicate<EventFact> accepts = AutomationCompiler.stepCondition(tree);
        long matching = 0;
        String after = "";
        while (true) {
            List<UserState> page = users.listWhere(school.id(), filter.sql(), filter.params(), after, PAGE);
            for (UserState u : page) {
                if (accepts.test(UserFacts.of(school, u).useDecider(decider))) {
                    matching++;
                }
            }
            if (page.size() < PAGE) {
                return matching;
            }
            after = page.get(page.size() - 1).id();
        }
    }
}
