package com.userautomations.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.userautomations.automation.AutomationStore;
import com.userautomations.automation.StoredAutomation;
import com.userautomations.automation.Trigger;
import com.userautomations.automation.TriggerType;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A school's automations with a user.inactive trigger, as of a rules version (every change to an
 * automation bumps it; see {@link AutomationStates}), so a visit does not read them each time.
 */
@ApplicationScoped
public class InactivityAutomations {
    /** One user.inactive trigger of an automation that has been active ({@code activatedAt} set). */
    public record Watched(String automationId, int version, String status, Instant activatedAt, Trigger trigger) {
        /** Whether a visit to {@code courseId} (null: the school only) counts for this trigger. */
        boolean counts(String courseId) {
            return trigger.courseIds().isEmpty() || courseId != null && trigger.courseIds().contains(courseId);
        }
    }

    private record Entry(long rulesVersion, List<Watched> watched) {
    }

    private static final int MAX_SCHOOLS = 10_000;

    private final AutomationStore store;
    private final Definitions definitions;
    private final Cache<String, Entry> entries = Caffeine.newBuilder().maximumSize(MAX_SCHOOLS).build();

    public InactivityAutomations(AutomationStore store, Definitions definitions) {
        this.store = store;
        this.definitions = definitions;
    }

    public List<Watched> of(String schoolId, long rulesVersion) {
        Entry e = entries.getIfPresent(schoolId);
        if (e == null || e.rulesVersion() != rulesVersion) {
            e = new Entry(rulesVersion, load(schoolId));
            entries.put(schoolId, e);
        }
        return e.watched();
    }

    private List<Watched> load(String schoolId) {
        List<Watched> out = new ArrayList<>();
        for (StoredAutomation a : store.withTrigger(schoolId, TriggerType.USER_INACTIVE.wireName())) {
            for (Trigger t : definitions.of(schoolId, a.id(), a.version()).triggers()) {
                if (t.type() == TriggerType.USER_INACTIVE) {
                    out.add(new Watched(a.id(), a.version(), a.status(), a.activatedAt(), t));
                }
            }
        }
        return List.copyOf(out);
    }
}
