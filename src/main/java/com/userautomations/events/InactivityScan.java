package com.userautomations.events;

import com.userautomations.automation.Trigger;
import com.userautomations.automation.TriggerType;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.SchoolService;
import com.userautomations.directory.UserState;
import com.userautomations.directory.UserStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * user.inactive (API.md 1.1, "Activity and inactivity"): visits that count start stretches
 * ({@link #visited}); a stretch whose latest visit is days x 24 h old starts one run
 * ({@link #claimBatch}), the root of its own chain, with no event.
 */
@ApplicationScoped
public class InactivityScan {
    static final String TRIGGER = TriggerType.USER_INACTIVE.wireName();

    private final InactivityAutomations automations;
    private final InactivityWatches watches;
    private final AutomationStates states;
    private final Definitions definitions;
    private final SchoolService schools;
    private final UserStore users;
    private final EventProcessor processor;

    public InactivityScan(InactivityAutomations automations, InactivityWatches watches, AutomationStates states,
                          Definitions definitions, SchoolService schools, UserStore users, EventProcessor processor) {
        this.automations = automations;
        this.watches = watches;
        this.states = states;
        this.definitions = definitions;
        this.schools = schools;
        this.users = users;
        this.processor = processor;
    }

    /**
     * A user.visited event, applied (the user's row locked): it starts a stretch for every
     * user.inactive automation it counts for that had become active before it arrived (paused
     * ones too: only the moment, if it falls in a pause, is lost).
     */
    void visited(SchoolInfo school, UserState user, EventInput e, Instant receivedAt) {
        for (InactivityAutomations.Watched w : automations.of(school.id(), school.rulesVersion())) {
            if (!w.activatedAt().isAfter(receivedAt) && w.counts(e.courseId())) {
                watches.visited(school.id(), w.automationId(), user.id(), e.occurredAt(), receivedAt, w.trigger().days());
            }
        }
    }

    /**
     * Claims up to {@code limit} due rows and settles each; returns how many were claimed. Call
     * inside a transaction. A row whose user is busy (an event holds its lock) is left for the
     * next pass: this worker holds row locks an event may wait for, so it never waits for one.
     */
    public int claimBatch(Instant now, int limit) {
        List<InactivityWatches.Due> due = watches.claim(now, limit);
        for (InactivityWatches.Due d : due) {
            settle(d);
        }
        return due.size();
    }

    private void settle(InactivityWatches.Due d) {
        Optional<SchoolInfo> school = schools.info(d.schoolId());
        Optional<AutomationStates.State> state = school.flatMap(s -> states.find(s.id(), s.rulesVersion(), d.automationId()));
        Trigger trigger = state.flatMap(a -> inactiveTrigger(d.schoolId(), a)).orElse(null);
        if (trigger == null) {
            watches.forget(d);
            return;
        }
        AutomationStates.State a = state.get();
        Instant dueNow = InactivityWatches.dueAt(d.lastVisitAt(), trigger.days(), d.dueAt());
        if (dueNow.isAfter(d.dueAt())) {
            watches.postpone(d, dueNow);
            return;
        }
        // activated after the moment: at the moment it was paused (activatedAt is set at each activation)
        if (!"active".equals(a.status()) || a.activatedAt() == null || a.activatedAt().isAfter(d.dueAt())) {
            watches.dropped(d);
            return;
        }
        Optional<UserState> user = users.tryLock(d.schoolId(), d.userId());
        if (user.isEmpty()) {
            return;
        }
        String course = trigger.courseIds().size() == 1 ? trigger.courseIds().get(0) : null;
        Happening inactive = new Happening(TRIGGER, course, null, null, null, null, Set.of(), Set.of(), Map.of(), null);
        EventProcessor.Chain chain = new EventProcessor.Chain(school.get(), user.get(), null, null, d.dueAt())
                .startedBy(TRIGGER);
        processor.startOne(chain, inactive, d.automationId());
        processor.finish(chain);
        watches.fired(d);
    }

    /** The automation's current user.inactive trigger (the first, if it lists several). */
    private Optional<Trigger> inactiveTrigger(String schoolId, AutomationStates.State a) {
        return definitions.of(schoolId, a.automationId(), a.version()).triggers().stream()
                .filter(t -> t.type() == TriggerType.USER_INACTIVE).findFirst();
    }
}
