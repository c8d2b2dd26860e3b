package com.userautomations.events;

import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.AutomationService;
import com.userautomations.automation.AutomationStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsed automation definitions by (school, automation, version). A version's definition never
 * changes (automation_versions is written once per version), so an entry never goes stale; the
 * cache only saves reading and parsing the JSON on every run. Bounded (LRU), so a service with
 * many schools keeps the ones in use.
 */
@ApplicationScoped
public class Definitions {
    private static final int MAX_ENTRIES = 20_000;

    private final AutomationStore store;
    private final Map<String, AutomationDefinition> parsed = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, AutomationDefinition> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    public Definitions(AutomationStore store) {
        this.store = store;
    }

    public AutomationDefinition of(String schoolId, String automationId, int version) {
        String key = schoolId + '\n' + automationId + '\n' + version;
        AutomationDefinition d;
        synchronized (parsed) {
            d = parsed.get(key);
        }
        if (d == null) {
            String json = store.versionDefinition(schoolId, automationId, version).orElseThrow(
                    () -> new IllegalStateException("no version " + version + " of automation " + automationId));
            d = AutomationService.parseStored(json);
            synchronized (parsed) {
                parsed.put(key, d);
            }
        }
        return d;
    }
}
