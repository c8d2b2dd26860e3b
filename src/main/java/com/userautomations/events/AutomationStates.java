package com.userautomations.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.userautomations.automation.AutomationStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Optional;

/**
 * What a match is checked against before it runs (status, version, activation time), cached so
 * that an event does not read the automation's row for every match.
 *
 * <p>Why a cached row is current: every change to an automation's row (create, replace, status,
 * delete) bumps {@code schools.rules_version} in the same transaction; the per-school rule bases
 * already depend on that. So the row as of rules version V is the same for every reader that saw
 * V, and an entry is used only by an event whose transaction read the same version. An entry is
 * loaded together with the version in one statement (one consistent read) and kept under the
 * version that statement saw; after any change in the school, each automation's row is read
 * again on its next match.
 */
@ApplicationScoped
public class AutomationStates {
    /** An automation's row as of a rules version; {@code status} null when it is deleted or absent. */
    public record State(String automationId, String status, int version, Instant activatedAt) {
    }

    private record Entry(long rulesVersion, State state) {
    }

    private static final int MAX_ENTRIES = 100_000;

    private final AutomationStore store;
    /** Reads take no lock; a miss or a stale entry is loaded outside the cache, then put. */
    private final Cache<String, Entry> entries = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();

    public AutomationStates(AutomationStore store) {
        this.store = store;
    }

    /** The automation as of the school's rules version the caller read in its transaction. */
    public Optional<State> find(String schoolId, long rulesVersion, String automationId) {
        String key = schoolId + '\n' + automationId;
        Entry e = entries.getIfPresent(key);
        if (e == null || e.rulesVersion() != rulesVersion) {
            e = load(schoolId, automationId);
            if (e == null) {
                return Optional.empty();
            }
            entries.put(key, e);
        }
        return e.state().status() == null ? Optional.empty() : Optional.of(e.state());
    }

    private Entry load(String schoolId, String automationId) {
        return store.stateAt(schoolId, automationId).map(s -> new Entry(s.rulesVersion(),
                new State(automationId, s.status(), s.version(), s.activatedAt()))).orElse(null);
    }
}
