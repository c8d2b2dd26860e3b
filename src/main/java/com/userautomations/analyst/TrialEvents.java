package com.userautomations.analyst;

import com.userautomations.automation.TriggerType;
import com.userautomations.engine.Decider;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.SchoolSnapshot;
import com.userautomations.engine.UserSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The events a new set of analysts' rules is tried on before it goes live: one of each type, for
 * a made-up learner of the school, so that a rule that blocks or loops on ordinary events is
 * refused with its file instead of stopping real events. A rule that misbehaves only on some
 * values is not caught here; the bounds stop it when it happens.
 */
public final class TrialEvents {
    /** The school of the trial events of global rules: no real school has this id. */
    public static final String ANY_SCHOOL = "rules-trial";

    private static final Set<TriggerType> ABOUT_A_COURSE = Set.of(TriggerType.USER_ENROLLED,
            TriggerType.USER_UNENROLLED, TriggerType.COURSE_COMPLETED, TriggerType.CERTIFICATE_AWARDED,
            TriggerType.COURSE_PREVIEWED);

    private TrialEvents() {
    }

    /**
     * @param schoolId the school whose rules are tried, or null for the global rules
     * @param decider  the DMN decisions of the rules tried
     */
    public static List<EventFact> of(String schoolId, Decider decider) {
        String school = schoolId == null ? ANY_SCHOOL : schoolId;
        UserSnapshot user = new UserSnapshot("rules-trial-user", "trial.learner@example.com", "example.com", "learner",
                "", Instant.parse("2026-01-01T00:00:00Z"), Set.of("trial"), Set.of("trial-course"), Set.of(),
                Set.of(), Map.of());
        List<EventFact> events = new ArrayList<>();
        for (TriggerType t : TriggerType.values()) {
            String type = t.wireName();
            events.add(new EventFact(school, type,
                    ABOUT_A_COURSE.contains(t) ? "trial-course" : null,
                    t == TriggerType.FORM_SUBMITTED ? "trial-form" : null,
                    t == TriggerType.COUPON_CLAIMED ? "TRIAL" : null,
                    t == TriggerType.CERTIFICATE_AWARDED ? "trial-certificate" : null,
                    t == TriggerType.USER_UNENROLLED ? "other" : null,
                    t == TriggerType.TAGS_ADDED ? Set.of("trial") : Set.of(),
                    t == TriggerType.TAGS_REMOVED ? Set.of("trial-removed") : Set.of(),
                    Map.of(), user, new SchoolSnapshot(school, "Rules trial")).useDecider(decider));
        }
        return events;
    }
}
