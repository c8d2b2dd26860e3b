package com.userautomations.events;

import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.UserState;
import com.userautomations.engine.Decider;
import com.userautomations.engine.EventFact;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/**
 * The fact a condition tree reads for a user when no event is there (an impact preview): the
 * user as they are now, an event with no type, course or fields, as a later step of a run sees
 * it; decisions read the analysts' models live now, as in an event's evaluation.
 */
@ApplicationScoped
public class UserFacts {
    private final RuleBases rules;

    public UserFacts(RuleBases rules) {
        this.rules = rules;
    }

    /** How the school's decision leaves are evaluated now. */
    public Decider decider(String schoolId) {
        return rules.decisions().deciderFor(schoolId);
    }

    /** The fact, with no decider yet (no decision has a result until one is given). */
    public static EventFact of(SchoolInfo school, UserState user) {
        return Facts.of(school, Happening.startedRun(null, Map.of()), user);
    }
}
