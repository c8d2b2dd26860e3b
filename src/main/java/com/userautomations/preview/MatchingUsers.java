package com.userautomations.preview;

import com.userautomations.automation.Condition;
import com.userautomations.compile.AutomationCompiler;
import com.userautomations.compile.ConditionSql;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.UserState;
import com.userautomations.directory.UserStore;
import com.userautomations.engine.Decider;
import com.userautomations.engine.EventFact;
import com.userautomations.events.UserFacts;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Predicate;

/**
 * The users of a school a condition tree accepts now, with no event. A tree SQL holds exactly is
 * one COUNT; otherwise the users of its (superset) filter are read in pages by id and each is
 * tested with the compiled predicate, so memory stays one page whatever the school's size.
 */
@ApplicationScoped
public class MatchingUsers {
    static final int PAGE = 500;

    private final UserStore users;

    public MatchingUsers(UserStore users) {
        this.users = users;
    }

    /** Decisions are made by {@code decider}: the school's live one, or a test's. */
    public long count(SchoolInfo school, Condition tree, Decider decider) {
        ConditionSql.Filter filter = ConditionSql.of(school.id(), tree);
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
