package com.userautomations.engine;

import com.userautomations.compile.AutomationCompiler;
import com.userautomations.compile.CompiledAutomation;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** An in-memory stand-in for the database the registry's loader reads; counts loads. */
final class TestSchools implements Function<String, SchoolRules> {
    private final Map<String, SchoolRules> schools = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> loads = new ConcurrentHashMap<>();

    TestSchools put(String schoolId, long rulesVersion, CompiledAutomation... automations) {
        schools.put(schoolId, new SchoolRules(rulesVersion, Arrays.stream(automations).map(AutomationCompiler::rules).toList()));
        return this;
    }

    /** Saves one automation as another process would: replaces it and bumps the version. */
    long save(String schoolId, CompiledAutomation automation) {
        SchoolRules old = schools.getOrDefault(schoolId, new SchoolRules(0, List.of()));
        List<AutomationRules> list = new ArrayList<>(old.automations());
        list.removeIf(a -> a.automationId().equals(automation.automationId()));
        list.add(AutomationCompiler.rules(automation));
        long version = old.rulesVersion() + 1;
        schools.put(schoolId, new SchoolRules(version, list));
        return version;
    }

    long version(String schoolId) {
        return schools.get(schoolId).rulesVersion();
    }

    int loads(String schoolId) {
        AtomicInteger n = loads.get(schoolId);
        return n == null ? 0 : n.get();
    }

    @Override
    public SchoolRules apply(String schoolId) {
        loads.computeIfAbsent(schoolId, s -> new AtomicInteger()).incrementAndGet();
        return schools.getOrDefault(schoolId, new SchoolRules(0, List.of()));
    }
}
