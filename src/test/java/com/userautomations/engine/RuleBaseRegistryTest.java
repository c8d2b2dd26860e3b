package com.userautomations.engine;

import static com.userautomations.engine.TestFacts.automation;
import static com.userautomations.engine.TestFacts.definition;
import static com.userautomations.engine.TestFacts.event;
import static com.userautomations.engine.TestFacts.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.userautomations.compile.AutomationCompiler;
import com.userautomations.compile.CompiledAutomation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Loading, incremental change, versions, eviction and concurrent use of per-school rule bases. */
class RuleBaseRegistryTest {
    private static final String S = "acme";

    private final UserSnapshot ann = user().build();

    private static CompiledAutomation enrolledIn(String id, int version, String courseId) {
        return automation(id, version, definition("{'type': 'user.enrolled', 'courseIds': ['" + courseId + "']}", null));
    }

    private static CompiledAutomation paused(String id, int version, String courseId) {
        return automation(id, version, definition("{'type': 'user.enrolled', 'courseIds': ['" + courseId + "']}", null)
                .replace("'name': 'test'", "'name': 'test', 'status': 'paused'"));
    }

    private EventFact enrolled(String courseId) {
        return event("user.enrolled", ann).courseId(courseId).build();
    }

    @Test
    void loadsLazilyOnceAndReuses() {
        TestSchools schools = new TestSchools().put(S, 1, enrolledIn("a", 1, "c1"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);

        assertThat(schools.loads(S)).isZero();
        assertThat(registry.evaluate(S, 1, enrolled("c1"))).containsExactly(new Match("a", 1));
        assertThat(registry.evaluate(S, 1, enrolled("c1"))).containsExactly(new Match("a", 1));
        assertThat(registry.evaluate(S, 0, enrolled("c2"))).isEmpty();
        assertThat(schools.loads(S)).isEqualTo(1);
    }

    @Test
    void upsertReplacesTheRuleInPlace() {
        TestSchools schools = new TestSchools().put(S, 1, enrolledIn("a", 1, "c1"), enrolledIn("b", 1, "c1"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);
        registry.evaluate(S, 1, enrolled("c1"));

        registry.upsert(S, 2, AutomationCompiler.rules(enrolledIn("a", 2, "c2")));

        assertThat(registry.evaluate(S, 2, enrolled("c1"))).containsExactly(new Match("b", 1));
        assertThat(registry.evaluate(S, 2, enrolled("c2"))).containsExactly(new Match("a", 2));
        assertThat(registry.loadedVersion(S)).hasValue(2);
        assertThat(registry.loadedRuleCount(S)).isEqualTo(2);
        assertThat(schools.loads(S)).isEqualTo(1); // no rebuild
    }

    @Test
    void upsertAddsANewAutomation() {
        TestSchools schools = new TestSchools().put(S, 1);
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);
        assertThat(registry.evaluate(S, 1, enrolled("c1"))).isEmpty();

        registry.upsert(S, 2, AutomationCompiler.rules(enrolledIn("new", 1, "c1")));

        assertThat(registry.evaluate(S, 2, enrolled("c1"))).containsExactly(new Match("new", 1));
    }

    @Test
    void upsertOfAPausedAutomationRemovesIt() {
        TestSchools schools = new TestSchools().put(S, 1, enrolledIn("a", 1, "c1"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);
        registry.evaluate(S, 1, enrolled("c1"));

        registry.upsert(S, 2, AutomationCompiler.rules(paused("a", 2, "c1")));

        assertThat(registry.evaluate(S, 2, enrolled("c1"))).isEmpty();
        assertThat(registry.loadedRuleCount(S)).isZero();
    }

    @Test
    void pausedAutomationsFromTheLoaderAreLeftOut() {
        TestSchools schools = new TestSchools().put(S, 1, paused("a", 1, "c1"), enrolledIn("b", 1, "c1"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);

        assertThat(registry.evaluate(S, 1, enrolled("c1"))).containsExactly(new Match("b", 1));
    }

    @Test
    void removeDropsTheAutomationsRules() {
        CompiledAutomation twoTriggers = automation("a", 1, definition(
                "{'type': 'user.enrolled'}, {'type': 'course.completed'}", null));
        TestSchools schools = new TestSchools().put(S, 1, twoTriggers, enrolledIn("b", 1, "c1"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);
        assertThat(registry.evaluate(S, 1, enrolled("c1"))).extracting(Match::automationId).containsExactly("a", "b");
        assertThat(registry.loadedRuleCount(S)).isEqualTo(3);

        registry.remove(S, 2, "a");

        assertThat(registry.evaluate(S, 2, enrolled("c1"))).containsExactly(new Match("b", 1));
        assertThat(registry.evaluate(S, 2, event("course.completed", ann).courseId("c1").build())).isEmpty();
        assertThat(registry.loadedRuleCount(S)).isEqualTo(1);
        registry.remove(S, 3, "unknown"); // nothing to remove is fine
        assertThat(registry.loadedVersion(S)).hasValue(3);
    }

    @Test
    void changesToASchoolThatIsNotLoadedWaitForItsLoad() {
        TestSchools schools = new TestSchools().put(S, 1, enrolledIn("a", 1, "c1"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);

        registry.upsert(S, 2, AutomationCompiler.rules(enrolledIn("a", 2, "c2")));
        registry.remove(S, 3, "a");

        assertThat(schools.loads(S)).isZero();
        assertThat(registry.loadedVersion(S)).isEmpty();
    }

    @Test
    void aNewerRulesVersionReloadsChangesMadeElsewhere() {
        TestSchools schools = new TestSchools().put(S, 1, enrolledIn("a", 1, "c1"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);
        registry.evaluate(S, 1, enrolled("c1"));

        long v2 = schools.save(S, enrolledIn("a", 2, "c2")); // another process saved it

        assertThat(registry.evaluate(S, 1, enrolled("c1"))).containsExactly(new Match("a", 1)); // not told yet
        assertThat(registry.evaluate(S, v2, enrolled("c1"))).isEmpty();
        assertThat(registry.evaluate(S, v2, enrolled("c2"))).containsExactly(new Match("a", 2));
        assertThat(schools.loads(S)).isEqualTo(2);
    }

    @Test
    void anUpsertThatSkipsAVersionDropsTheBaseInsteadOfMissingAChange() {
        TestSchools schools = new TestSchools().put(S, 1, enrolledIn("a", 1, "c1"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);
        registry.evaluate(S, 1, enrolled("c1"));
        schools.save(S, enrolledIn("other", 1, "c1")); // version 2, made elsewhere
        long v3 = schools.save(S, enrolledIn("a", 2, "c2")); // version 3, made here

        registry.upsert(S, v3, AutomationCompiler.rules(enrolledIn("a", 2, "c2")));

        assertThat(registry.loadedVersion(S)).isEmpty();
        assertThat(registry.evaluate(S, v3, enrolled("c1"))).containsExactly(new Match("other", 1));
        assertThat(schools.loads(S)).isEqualTo(2);
    }

    @Test
    void anUpsertTheLoadAlreadyReadIsIgnored() {
        TestSchools schools = new TestSchools().put(S, 1, enrolledIn("a", 1, "c1"));
        long v2 = schools.save(S, enrolledIn("a", 2, "c2"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);
        registry.evaluate(S, v2, enrolled("c2")); // loaded at version 2

        registry.upsert(S, 1, AutomationCompiler.rules(enrolledIn("a", 1, "c1"))); // a late, older change
        registry.upsert(S, v2, AutomationCompiler.rules(enrolledIn("a", 2, "c2")));

        assertThat(registry.evaluate(S, v2, enrolled("c1"))).isEmpty();
        assertThat(registry.evaluate(S, v2, enrolled("c2"))).containsExactly(new Match("a", 2));
        assertThat(schools.loads(S)).isEqualTo(1);
    }

    @Test
    void invalidateForcesAReload() {
        TestSchools schools = new TestSchools().put(S, 1, enrolledIn("a", 1, "c1"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);
        registry.evaluate(S, 1, enrolled("c1"));

        schools.put(S, 1, enrolledIn("a", 1, "c3"));
        registry.invalidate(S);

        assertThat(registry.evaluate(S, 1, enrolled("c3"))).containsExactly(new Match("a", 1));
        assertThat(schools.loads(S)).isEqualTo(2);
    }

    @Test
    void keepsAtMostNSchoolsAndReloadsEvictedOnesLazily() {
        TestSchools schools = new TestSchools()
                .put("s1", 1, enrolledIn("a1", 1, "c1"))
                .put("s2", 1, enrolledIn("a2", 1, "c1"))
                .put("s3", 1, enrolledIn("a3", 1, "c1"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools, 2);

        registry.evaluate("s1", 1, enrolled("c1"));
        registry.evaluate("s2", 1, enrolled("c1"));
        registry.evaluate("s1", 1, enrolled("c1")); // s1 is now the most recently used
        registry.evaluate("s3", 1, enrolled("c1"));

        assertThat(registry.loadedSchools()).isEqualTo(2);
        assertThat(registry.loadedVersion("s2")).isEmpty();
        assertThat(registry.loadedVersion("s1")).hasValue(1);
        assertThat(registry.evaluate("s2", 1, enrolled("c1"))).containsExactly(new Match("a2", 1));
        assertThat(schools.loads("s2")).isEqualTo(2);
        assertThat(schools.loads("s1")).isEqualTo(1);
        assertThat(registry.loadedSchools()).isEqualTo(2);
    }

    @Test
    void evictsTheLeastRecentlyUsedOneByOneAsSchoolsComeIn() {
        TestSchools schools = new TestSchools();
        for (int i = 1; i <= 5; i++) {
            schools.put("s" + i, 1, enrolledIn("a" + i, 1, "c1"));
        }
        RuleBaseRegistry registry = new RuleBaseRegistry(schools, 3);

        registry.evaluate("s1", 1, enrolled("c1"));
        registry.evaluate("s2", 1, enrolled("c1"));
        registry.evaluate("s3", 1, enrolled("c1"));
        assertThat(registry.loadedVersion("s1")).hasValue(1); // a look is a use, as before
        registry.evaluate("s4", 1, enrolled("c1")); // evicts s2
        registry.evaluate("s3", 1, enrolled("c1"));
        registry.evaluate("s5", 1, enrolled("c1")); // evicts s1

        assertThat(registry.loadedSchools()).isEqualTo(3);
        assertThat(registry.loadedRuleCount("s1")).isEqualTo(-1);
        assertThat(registry.loadedRuleCount("s2")).isEqualTo(-1);
        assertThat(registry.loadedRuleCount("s3")).isEqualTo(1);
        assertThat(registry.loadedRuleCount("s4")).isEqualTo(1);
        assertThat(registry.loadedRuleCount("s5")).isEqualTo(1);
        assertThat(registry.evaluate("s1", 1, enrolled("c1"))).containsExactly(new Match("a1", 1)); // evicts s3
        assertThat(schools.loads("s1")).isEqualTo(2);
        assertThat(registry.loadedVersion("s3")).isEmpty();
        assertThat(registry.loadedSchools()).isEqualTo(3);
    }

    @Test
    void refusesAnEventOfAnotherSchool() {
        RuleBaseRegistry registry = new RuleBaseRegistry(new TestSchools().put(S, 1));

        assertThatThrownBy(() -> registry.evaluate(S, 1, event("user.enrolled", ann).schoolId("other").build()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evaluatesConsistentlyWhileAnotherThreadUpserts() throws Exception {
        // "stable" never changes; "flip" alternates between course c1 (odd versions) and c2 (even)
        TestSchools schools = new TestSchools().put(S, 1, enrolledIn("stable", 1, "c1"), enrolledIn("flip", 1, "c1"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools, 10, 2);
        registry.evaluate(S, 1, enrolled("c1"));
        int readers = 3;
        int eventsPerReader = 3_000;
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(readers + 1);
        List<Future<Integer>> results = new ArrayList<>();
        try {
            results.add(pool.submit(() -> {
                start.await();
                int version = 1;
                for (int i = 0; i < 200; i++) {
                    version++;
                    registry.upsert(S, version, AutomationCompiler.rules(enrolledIn("flip", version, version % 2 == 1 ? "c1" : "c2")));
                }
                writing.set(false);
                return version;
            }));
            for (int r = 0; r < readers; r++) {
                int reader = r;
                results.add(pool.submit(() -> {
                    start.await();
                    int flips = 0;
                    for (int i = 0; i < eventsPerReader; i++) {
                        String course = (i + reader) % 2 == 0 ? "c1" : "c2";
                        List<Match> matches = registry.evaluate(S, 1, enrolled(course));
                        for (Match m : matches) {
                            if (m.automationId().equals("flip")) {
                                flips++;
                                boolean odd = m.version() % 2 == 1;
                                if (odd != course.equals("c1")) {
                                    problems.add("flip v" + m.version() + " matched " + course);
                                }
                            }
                        }
                        boolean stable = matches.stream().anyMatch(m -> m.automationId().equals("stable"));
                        if (stable != course.equals("c1")) {
                            problems.add("stable matched " + course + ": " + matches);
                        }
                    }
                    return flips;
                }));
            }
            start.countDown();
            int lastVersion = results.get(0).get(60, TimeUnit.SECONDS);
            int flips = 0;
            for (Future<Integer> f : results.subList(1, results.size())) {
                flips += f.get(60, TimeUnit.SECONDS);
            }

            assertThat(problems).isEmpty();
            assertThat(writing).isFalse();
            assertThat(flips).isPositive();
            assertThat(lastVersion).isEqualTo(201);
            assertThat(registry.loadedVersion(S)).hasValue(201);
            assertThat(registry.evaluate(S, 201, enrolled("c1"))).containsExactly(new Match("flip", 201),
                    new Match("stable", 1));
            assertThat(schools.loads(S)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void loadsOnceWhenManyThreadsAskAtOnce() throws Exception {
        TestSchools schools = new TestSchools().put(S, 1, enrolledIn("a", 1, "c1"));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<List<Match>>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return registry.evaluate(S, 1, enrolled("c1"));
                }));
            }
            start.countDown();
            for (Future<List<Match>> f : results) {
                assertThat(f.get(60, TimeUnit.SECONDS)).containsExactly(new Match("a", 1));
            }
            assertThat(schools.loads(S)).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
