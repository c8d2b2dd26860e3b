package com.userautomations.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/** The analysts' rules of one event are bounded in time and in firings, and a stopped session is dropped. */
class RuleBoundsTest {
    private static final FiringBounds BOUNDS = new FiringBounds(50, Duration.ofMillis(300));
    private final RuleThreads threads = new RuleThreads(BOUNDS, 2, 1);

    @AfterEach
    void close() {
        threads.close();
    }

    private static AnalystRuleBase base(String file, String rules) {
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(null, EventFact.class.getClassLoader()));
        builder.add(ResourceFactory.newByteArrayResource(("package rules.test;\n"
                + "import com.userautomations.engine.EventFact;\n" + rules).getBytes(StandardCharsets.UTF_8))
                .setSourcePath(file), ResourceType.DRL);
        assertThat(builder.getErrors()).isEmpty();
        return new AnalystRuleBase(builder.getKnowledgePackages(), 2);
    }

    private static EventFact event(String type) {
        return TestFacts.event(type, TestFacts.user().build()).schoolId("s1").build();
    }

    private static final String TAG = """
            rule "Tag sign-ups"
            when
                $e : EventFact(type == "user.signed_up")
            then
                $e.addTags("new");
            end
            """;

    @Test
    void aConsequenceThatBlocksIsStoppedAtTheTimeBoundAndItsSessionDropped() {
        AnalystRuleBase base = base("slow.drl", TAG + """
                rule "Sleeps on forms"
                when
                    $e : EventFact(type == "form.submitted")
                then
                    Thread.sleep(60000);
                end
                """);
        AnalystRuleSet set = new AnalystRuleSet(base, Map.of());
        assertThat(set.evaluate("s1", event("user.signed_up"), threads)).extracting(Match::automationId)
                .containsExactly("rule:Tag sign-ups");
        assertThat(base.idleSessions()).isEqualTo(1);

        long start = System.nanoTime();
        assertThatThrownBy(() -> set.evaluate("s1", event("form.submitted"), threads))
                .isInstanceOfSatisfying(RuleStopped.class, e -> {
                    assertThat(e.reason()).isEqualTo(RuleStopped.Reason.TIME);
                    assertThat(e.rule()).isEqualTo("Sleeps on forms");
                    assertThat(e.file()).isEqualTo("slow.drl");
                    assertThat(e.getMessage()).isEqualTo("the analysts' rule \"Sleeps on forms\" in slow.drl ran over "
                            + "the time limit of 300 ms for one event and was stopped");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1500));
        // the interrupt ended the sleep: the thread came back, and its halted session was not kept
        assertThat(threads.stuck()).isZero();
        assertThat(base.idleSessions()).isZero();

        // a normal event still fires, on a new session
        assertThat(set.evaluate("s1", event("user.signed_up"), threads)).extracting(Match::automationId)
                .containsExactly("rule:Tag sign-ups");
        assertThat(base.idleSessions()).isEqualTo(1);
    }

    @Test
    void aRuleThatFiresEndlesslyIsStoppedAtTheFiringBound() {
        AnalystRuleBase base = base("loop.drl", TAG + """
                rule "Updates itself"
                when
                    $e : EventFact(type == "tags.added")
                then
                    update($e);
                end
                """);
        AnalystRuleSet set = new AnalystRuleSet(null, Map.of("s1", base));
        assertThat(set.evaluate("s1", event("user.signed_up"), threads)).hasSize(1);

        assertThatThrownBy(() -> set.evaluate("s1", event("tags.added"), threads))
                .isInstanceOfSatisfying(RuleStopped.class, e -> {
                    assertThat(e.reason()).isEqualTo(RuleStopped.Reason.FIRINGS);
                    assertThat(e.rule()).isEqualTo("Updates itself");
                    assertThat(e.file()).isEqualTo("loop.drl");
                    assertThat(e.getMessage()).contains("fired 51 times for one event, over the limit of 50 firings");
                });
        assertThat(base.idleSessions()).isZero();
        assertThat(set.evaluate("s1", event("user.signed_up"), threads)).extracting(Match::automationId)
                .containsExactly("rule:Tag sign-ups");
        // another school's events never reach the school's rules
        assertThat(set.evaluate("s2", event("tags.added"), threads)).isEmpty();
    }

    @Test
    void aThreadNoInterruptEndsIsCountedStuckAndNoNewFiringStartsMeanwhile() {
        AnalystRuleBase base = base("spin.drl", TAG + """
                rule "Spins on coupons"
                when
                    $e : EventFact(type == "coupon.claimed")
                then
                    long end = System.currentTimeMillis() + 2500;
                    while (System.currentTimeMillis() < end) { }
                end
                """);
        AnalystRuleSet set = new AnalystRuleSet(base, Map.of());
        assertThatThrownBy(() -> set.evaluate("s1", event("coupon.claimed"), threads))
                .isInstanceOfSatisfying(RuleStopped.class, e -> assertThat(e.rule()).isEqualTo("Spins on coupons"));
        assertThat(threads.stuck()).isEqualTo(1);

        // maxStuck is 1: refused at once, naming the rule that is stuck
        long start = System.nanoTime();
        assertThatThrownBy(() -> set.evaluate("s1", event("user.signed_up"), threads))
                .isInstanceOfSatisfying(RuleStopped.class, e -> {
                    assertThat(e.reason()).isEqualTo(RuleStopped.Reason.STUCK);
                    assertThat(e.getMessage()).contains("\"Spins on coupons\" in spin.drl");
                });
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));

        // once the consequence ends, the thread counts no more and firings start again
        await().atMost(Duration.ofSeconds(5)).until(() -> threads.stuck() == 0);
        assertThat(set.evaluate("s1", event("user.signed_up"), threads)).hasSize(1);
        assertThat(base.idleSessions()).isEqualTo(1);
    }

    @Test
    void aTryOutFiresEveryBaseInSessionsOfItsOwn() {
        AnalystRuleBase global = base("tag.drl", TAG);
        AnalystRuleBase school = base("schools/s1/slow.drl", """
                rule "Sleeps on sign-ups"
                when
                    $e : EventFact(type == "user.signed_up")
                then
                    Thread.sleep(60000);
                end
                """);
        AnalystRuleSet set = new AnalystRuleSet(global, Map.of("s1", school));
        assertThatThrownBy(() -> set.tryOut(s -> List.of(event("user.signed_up")), threads))
                .isInstanceOfSatisfying(RuleStopped.class, e -> assertThat(e.file()).isEqualTo("schools/s1/slow.drl"));
        assertThat(global.idleSessions()).isZero();
        new AnalystRuleSet(global, Map.of()).tryOut(s -> List.of(event("user.signed_up")), threads);
        assertThat(global.idleSessions()).isZero();
    }
}
