package com.userautomations;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The package arrows of docs/architecture.md, on the main classes: events -> compile -> engine,
 * compile -> automation, events -> actions -> directory, delivery; common imports nothing of ours,
 * directory only common; engine and compile are pure Java; webhooks imports common, directory and
 * outbound, and nothing imports it yet; the timeline reads the owners of what it lists. Each rule lists what a package may
 * import of ours, so a new arrow is a failing test until it is argued for here.
 */
class ArchitectureTest {
    private static final String BASE = "com.userautomations";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    /**
     * The engine's one exception: its fact model EventFact records the actions an analyst's rule
     * asks for as the action vocabulary records. Moving them into the engine would make every
     * definition depend on the engine, the wrong way round.
     */
    private static final Set<String> ENGINE_MAY_USE = Set.of(BASE + ".automation.Action",
            BASE + ".automation.ActionType", BASE + ".automation.EmailRecipient");

    @Test
    void noCyclesBetweenPackages() {
        slices().matching(BASE + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void commonImportsNothingOfOurs() {
        mayOnlyUse("common");
    }

    @Test
    void directoryImportsOnlyCommon() {
        mayOnlyUse("directory", "common");
    }

    @Test
    void automationKnowsNeitherCompilerNorEngineNorWhatRunsIt() {
        mayOnlyUse("automation", "common", "directory");
    }

    @Test
    void compileTurnsDefinitionsIntoEngineRules() {
        mayOnlyUse("compile", "automation", "engine");
    }

    @Test
    void engineKnowsNeitherDefinitionsNorCompilerButTheActionVocabulary() {
        noClasses().that(inPackage("engine"))
                .should().dependOnClassesThat(ours().and(not(inAnyPackage("engine"))).and(not(actionVocabulary())))
                .because("the engine takes compiled rules as data (see engine/package-info.java)")
                .check(MAIN);
    }

    @Test
    void deliveryKnowsNothingOfRunsOrActions() {
        mayOnlyUse("delivery", "common", "directory");
    }

    /** Webhooks and push call out through it; it knows nothing of what they send. */
    @Test
    void outboundImportsOnlyCommon() {
        mayOnlyUse("outbound", "common");
    }

    @Test
    void actionsNeverReachBackIntoIngestion() {
        mayOnlyUse("actions", "analyst", "automation", "common", "delivery", "directory", "engine", "push", "webhooks");
    }

    @Test
    void analystsRulesAreBelowIngestionAndActions() {
        mayOnlyUse("analyst", "automation", "common", "compile", "directory", "engine");
    }

    @Test
    void webhooksKnowTheOutboxTheGuardAndTheDirectory() {
        // automation: the check of a send_webhook's endpoint at save (WebhookCheck) is theirs to ask, ours to answer
        mayOnlyUse("webhooks", "automation", "common", "delivery", "directory", "outbound");
    }

    @Test
    void pushKnowsTheOutboxTheGuardAndTheDirectory() {
        mayOnlyUse("push", "common", "delivery", "directory", "outbound");
    }

    /** A backfill starts runs through ingestion's processor, as the inactivity scan does; nothing imports it. */
    @Test
    void backfillsStartRunsThroughIngestion() {
        mayOnlyUse("backfill", "automation", "common", "directory", "events");
        noClasses().that(ours().and(not(inPackage("backfill"))))
                .should().dependOnClassesThat(inPackage("backfill"))
                .because("a backfill is a worker over ingestion; ingestion does not know it")
                .check(MAIN);
    }

    @Test
    void theOutboundGuardIsBelowEverythingThatCallsOut() {
        mayOnlyUse("outbound", "common");
    }

    /**
     * The user's timeline reads every kind through its owner's query class and view; of push and
     * webhooks only their read side, so it can never queue a delivery or a push.
     */
    private static final Set<String> TIMELINE_READS = Set.of(BASE + ".push.PushView",
            BASE + ".webhooks.WebhookDeliveries", BASE + ".webhooks.DeliveryView");

    @Test
    void theTimelineOnlyReadsTheOwnersOfWhatItLists() {
        mayOnlyUse("timeline", "common", "delivery", "directory", "events", "push", "webhooks");
        noClasses().that(inPackage("timeline"))
                .should().dependOnClassesThat(inAnyPackage("push", "webhooks").and(DescribedPredicate.describe(
                        "anything but their read side", c -> !TIMELINE_READS.contains(c.getName().replaceFirst("\\$.*", "")))))
                .because("the timeline lists deliveries and pushes; only runs queue them")
                .check(MAIN);
    }

    /**
     * The impact preview counts through the owners of what it counts: the directory's users with
     * the compiler's SQL filter, the runs of events; the engine's fact for the predicate path.
     */
    @Test
    void thePreviewCountsThroughTheOwners() {
        mayOnlyUse("preview", "automation", "common", "compile", "directory", "engine", "events");
    }

    @Test
    void onlyRunsQueueWebhooksAndPushes() {
        noClasses().that(ours().and(not(inAnyPackage("webhooks", "push", "actions", "events", "timeline"))))
                .should().dependOnClassesThat(inAnyPackage("webhooks", "push"))
                .because("deliveries and pushes are queued by the actions and runs that cause them (events, actions); "
                        + "the outbox reaches them through its OutboxChannel interface")
                .check(MAIN);
    }

    @Test
    void engineAndCompileArePureJava() {
        noClasses().that(inAnyPackage("engine", "compile"))
                .should().dependOnClassesThat(resideInAnyPackage("io.quarkus..", "jakarta..", "javax..",
                        "java.sql..", "io.vertx..", "io.smallrye..", "org.eclipse.microprofile..", "org.hibernate.."))
                .because("rules are built and evaluated without a container, a database or the network")
                .check(MAIN);
    }

    /** Classes of {@code pkg} depend, of ours, only on {@code pkg} itself and {@code allowed}. */
    private static void mayOnlyUse(String pkg, String... allowed) {
        String[] own = Arrays.copyOf(allowed, allowed.length + 1);
        own[allowed.length] = pkg;
        noClasses().that(inPackage(pkg))
                .should().dependOnClassesThat(ours().and(not(inAnyPackage(own))))
                .because(pkg + " may import only " + (allowed.length == 0 ? "itself" : String.join(", ", allowed)))
                .check(MAIN);
    }

    private static DescribedPredicate<JavaClass> ours() {
        return resideInAPackage(BASE + "..");
    }

    private static DescribedPredicate<JavaClass> inPackage(String pkg) {
        return resideInAPackage(BASE + "." + pkg + "..");
    }

    private static DescribedPredicate<JavaClass> inAnyPackage(String... pkgs) {
        return resideInAnyPackage(Arrays.stream(pkgs).map(p -> BASE + "." + p + "..").toArray(String[]::new));
    }

    private static DescribedPredicate<JavaClass> actionVocabulary() {
        return DescribedPredicate.describe("the action vocabulary records",
                c -> ENGINE_MAY_USE.contains(c.getName()) || ENGINE_MAY_USE.contains(c.getName().replaceFirst("\\$.*", "")));
    }
}
