package com.userautomations.events;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.AutomationService;
import com.userautomations.automation.AutomationStore;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Parsed automation definitions by (school, automation, version). A version's definition never
 * changes (automation_versions is written once per version), so an entry never goes stale; the
 * cache only saves reading and parsing the JSON on every run. Bounded (Caffeine: recency and
 * frequency), so a service with many schools keeps the ones in use.
 */
@ApplicationScoped
public class Definitions {
    private static final int MAX_ENTRIES = 20_000;

    private final AutomationStore store;
    /** Reads take no lock; a miss loads outside the cache (a database read must not hold a cache bin). */
    private final Cache<String, AutomationDefinition> parsed = Caffeine.newBuilder().maximumSize(MAX_ENTRIES).build();

    public Definitions(AutomationStore store) {
        this.store = store;
    }

    public AutomationDefinition of(String schoolId, String automationId, int version) {
        String key = schoolId + '\n' + automationId + '\n' + version;
        AutomationDefinition d = parsed.getIfPresent(key);
        if (d == null) {
            String json = store.versionDefinition(schoolId, automationId, version).orElseThrow(
                    () -> new IllegalStateException("no version " + version + " of automation " + automationId));
            d = AutomationService.parseStored(json);
            parsed.put(key, d);
        }
        return d;
    }
}
