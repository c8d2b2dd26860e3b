package com.userautomations.engine;

import com.userautomations.compile.CompiledAutomation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Per-school rule bases, built lazily from a loader and kept in an LRU of bounded size.
 *
 * <p>Versions: each base remembers the school's rules version it reflects. {@link #evaluate}
 * reloads a base older than the version the caller read (that is how changes made by other
 * processes are noticed). {@link #upsert} and {@link #remove} change a loaded base in place when
 * they carry the next version; a version the base already reflects is a no-op, and a gap (a
 * change this process has not seen) drops the base so that the next evaluation reloads it.
 *
 * <p>Threads: evaluations of one school run in parallel on pooled sessions; loads and changes
 * of one school are serialized by a lock stripe, so a base is loaded once however many threads
 * ask for it.
 */
public final class RuleBaseRegistry {
    public static final int DEFAULT_MAX_SCHOOLS = 1000;
    public static final int DEFAULT_IDLE_SESSIONS_PER_SCHOOL = 4;
    private static final int STRIPES = 64;

    private final Function<String, SchoolRules> loader;
    private final int maxSchools;
    private final int idleSessionsPerSchool;
    private final Map<String, SchoolRuleBase> bases;
    private final Object[] stripes = new Object[STRIPES];

    public RuleBaseRegistry(Function<String, SchoolRules> loader) {
        this(loader, DEFAULT_MAX_SCHOOLS);
    }

    public RuleBaseRegistry(Function<String, SchoolRules> loader, int maxSchools) {
        this(loader, maxSchools, DEFAULT_IDLE_SESSIONS_PER_SCHOOL);
    }

    public RuleBaseRegistry(Function<String, SchoolRules> loader, int maxSchools, int idleSessionsPerSchool) {
        if (maxSchools < 1 || idleSessionsPerSchool < 0) {
            throw new IllegalArgumentException("maxSchools >= 1 and idleSessionsPerSchool >= 0");
        }
        this.loader = Objects.requireNonNull(loader, "loader");
        this.maxSchools = maxSchools;
        this.idleSessionsPerSchool = idleSessionsPerSchool;
        this.bases = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SchoolRuleBase> eldest) {
                if (size() > RuleBaseRegistry.this.maxSchools) {
                    eldest.getValue().close();
                    return true;
                }
                return false;
            }
        };
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
    }

    /**
     * The automations of the school that match the event: one match per automation, ordered by
     * automation id. {@code rulesVersion} is the school's rules version as the caller read it.
     */
    public List<Match> evaluate(String schoolId, long rulesVersion, EventFact fact) {
        if (fact.getSchoolId() != null && !fact.getSchoolId().equals(schoolId)) {
            throw new IllegalArgumentException("event of school " + fact.getSchoolId() + " evaluated for " + schoolId);
        }
        SchoolRuleBase base = cached(schoolId);
        if (base == null || base.rulesVersion() < rulesVersion) {
            base = load(schoolId, rulesVersion);
        }
        return base.evaluate(fact);
    }

    /**
     * Replaces one automation's rules in the school's loaded base (removes them if the automation
     * is not active). Nothing happens when the school is not loaded: its next load reads the change.
     */
    public void upsert(String schoolId, long newRulesVersion, CompiledAutomation automation) {
        change(schoolId, newRulesVersion, base -> base.upsert(newRulesVersion, automation));
    }

    /** Removes one automation's rules from the school's loaded base. */
    public void remove(String schoolId, long newRulesVersion, String automationId) {
        change(schoolId, newRulesVersion, base -> base.remove(newRulesVersion, automationId));
    }

    /** Drops the school's base; the next evaluation loads it again. */
    public void invalidate(String schoolId) {
        synchronized (stripe(schoolId)) {
            drop(schoolId);
        }
    }

    /** The rules version of the school's loaded base, if it is loaded. */
    public OptionalLong loadedVersion(String schoolId) {
        SchoolRuleBase base;
        synchronized (bases) {
            base = bases.get(schoolId);
        }
        return base == null ? OptionalLong.empty() : OptionalLong.of(base.rulesVersion());
    }

    /** The number of rules in the school's loaded base, or -1 if it is not loaded. */
    public int loadedRuleCount(String schoolId) {
        SchoolRuleBase base;
        synchronized (bases) {
            base = bases.get(schoolId);
        }
        return base == null ? -1 : base.ruleCount();
    }

    public int loadedSchools() {
        synchronized (bases) {
            return bases.size();
        }
    }

    private void change(String schoolId, long newRulesVersion, Consumer<SchoolRuleBase> edit) {
        synchronized (stripe(schoolId)) {
            SchoolRuleBase base = cached(schoolId);
            if (base == null || newRulesVersion <= base.rulesVersion()) {
                return; // not loaded, or the load already read this change
            }
            if (newRulesVersion != base.rulesVersion() + 1) {
                drop(schoolId); // missed a change made elsewhere: reload on next use
                return;
            }
            try {
                edit.accept(base);
            } catch (RuntimeException e) {
                drop(schoolId); // half-applied: do not keep serving it
                throw e;
            }
        }
    }

    private SchoolRuleBase load(String schoolId, long rulesVersion) {
        synchronized (stripe(schoolId)) {
            SchoolRuleBase base = cached(schoolId);
            if (base != null && base.rulesVersion() >= rulesVersion) {
                return base; // another thread loaded it meanwhile
            }
            SchoolRules rules = Objects.requireNonNull(loader.apply(schoolId), "loader returned null");
            SchoolRuleBase fresh = SchoolRuleBase.build(rules, idleSessionsPerSchool);
            SchoolRuleBase old;
            synchronized (bases) {
                old = bases.put(schoolId, fresh);
            }
            if (old != null) {
                old.close();
            }
            return fresh;
        }
    }

    private SchoolRuleBase cached(String schoolId) {
        synchronized (bases) {
            return bases.get(schoolId);
        }
    }

    private void drop(String schoolId) {
        SchoolRuleBase old;
        synchronized (bases) {
            old = bases.remove(schoolId);
        }
        if (old != null) {
            old.close();
        }
    }

    private Object stripe(String schoolId) {
        return stripes[Math.floorMod(schoolId.hashCode(), STRIPES)];
    }
}
