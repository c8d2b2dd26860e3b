package com.userautomations.engine;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
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
 *
 * <p>Lookups take no lock: the bases are in a {@link ConcurrentHashMap} and each use stamps the
 * base with a tick of a clock ({@link SchoolRuleBase#used}). When a load takes the registry over its capacity, the entry with
 * the oldest stamp is evicted (under a lock, scanning the entries: loads are rare). Single-threaded
 * this is exact LRU; under concurrent use the clock may lose ticks, so the order is approximate.
 */
public final class RuleBaseRegistry {
    public static final int DEFAULT_MAX_SCHOOLS = 1000;
    public static final int DEFAULT_IDLE_SESSIONS_PER_SCHOOL = 4;
    private static final int STRIPES = 64;

    private final Function<String, SchoolRules> loader;
    private final int maxSchools;
    private final int idleSessionsPerSchool;
    private final Map<String, SchoolRuleBase> bases = new ConcurrentHashMap<>();
    /** The LRU clock; ticked without a lock (see the class comment). */
    private final AtomicLong clock = new AtomicLong();
    private final Object evictionLock = new Object();
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
     * Whether an active automation of the school has a live version with an exitWhen (see
     * {@link SchoolRuleBase#exitGoals}); loads the base as {@link #evaluate} does.
     */
    public boolean exitGoals(String schoolId, long rulesVersion) {
        SchoolRuleBase base = cached(schoolId);
        if (base == null || base.rulesVersion() < rulesVersion) {
            base = load(schoolId, rulesVersion);
        }
        return base.exitGoals();
    }

    /**
     * Replaces one automation's rules in the school's loaded base (removes them if it has none).
     * Nothing happens when the school is not loaded: its next load reads the change.
     */
    public void upsert(String schoolId, long newRulesVersion, AutomationRules automation) {
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
        SchoolRuleBase base = cached(schoolId);
        return base == null ? OptionalLong.empty() : OptionalLong.of(base.rulesVersion());
    }

    /** The number of rules in the school's loaded base, or -1 if it is not loaded. */
    public int loadedRuleCount(String schoolId) {
        SchoolRuleBase base = cached(schoolId);
        return base == null ? -1 : base.ruleCount();
    }

    /** The number of loaded schools (while a load evicts, it may exceed the capacity by one for a moment). */
    public int loadedSchools() {
        return bases.size();
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
            fresh.used(tick());
            SchoolRuleBase old = bases.put(schoolId, fresh);
            if (old != null) {
                old.close();
            }
            if (bases.size() > maxSchools) {
                evictOverCapacity();
            }
            return fresh;
        }
    }

    /** The school's loaded base, or null; a use for the LRU order. Lock-free. */
    private SchoolRuleBase cached(String schoolId) {
        SchoolRuleBase base = bases.get(schoolId);
        if (base != null) {
            base.used(tick());
        }
        return base;
    }

    /** The next LRU tick: a plain read and write, no lock and no atomic add (a lost tick is harmless). */
    private long tick() {
        long t = clock.getOpaque() + 1;
        clock.setOpaque(t);
        return t;
    }

    /** Evicts the least recently used bases until the registry is back to its capacity. */
    private void evictOverCapacity() {
        synchronized (evictionLock) {
            while (bases.size() > maxSchools) {
                Map.Entry<String, SchoolRuleBase> oldest = null;
                long oldestUse = Long.MAX_VALUE;
                for (Map.Entry<String, SchoolRuleBase> e : bases.entrySet()) {
                    long use = e.getValue().lastUsed();
                    if (oldest == null || use < oldestUse) {
                        oldest = e;
                        oldestUse = use;
                    }
                }
                if (oldest == null) {
                    return;
                }
                if (bases.remove(oldest.getKey(), oldest.getValue())) {
                    oldest.getValue().close();
                }
            }
        }
    }

    private void drop(String schoolId) {
        SchoolRuleBase old = bases.remove(schoolId);
        if (old != null) {
            old.close();
        }
    }

    private Object stripe(String schoolId) {
        return stripes[Math.floorMod(schoolId.hashCode(), STRIPES)];
    }
}
