package com.userautomations.events;

import com.userautomations.actions.ActionContext;
import com.userautomations.actions.ActionExecutor;
import com.userautomations.actions.Execution;
import com.userautomations.actions.RaisedEvent;
import com.userautomations.actions.Resume;
import com.userautomations.automation.Action;
import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.StepTree;
import com.userautomations.automation.Reentry;
import com.userautomations.common.AutomationsConfig;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.UserState;
import com.userautomations.engine.EventFact;
import com.userautomations.engine.Match;
import com.userautomations.engine.WaitMatch;
import com.userautomations.webhooks.PlatformEvent;
import com.userautomations.webhooks.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * Step 3-4 of an event (DESIGN.md): evaluate the school's rules against the event and the
 * user, start a run per match, carry out its actions, and feed the internal events those
 * actions raise back in, depth-first, until the chain ends or reaches the depth limit.
 */
@ApplicationScoped
public class EventProcessor {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final RuleBases rules;
    private final AutomationStates automations;
    private final Definitions definitions;
    private final RunStore runs;
    private final ActionExecutor executor;
    private final WebhookOutbox webhooks;
    private final StepConditions conditions;
    private final int maxDepth;

    public EventProcessor(RuleBases rules, AutomationStates automations, Definitions definitions, RunStore runs,
                          ActionExecutor executor, WebhookOutbox webhooks, StepConditions conditions,
                          AutomationsConfig config) {
        this.webhooks = webhooks;
        this.conditions = conditions;
        this.rules = rules;
        this.automations = automations;
        this.definitions = definitions;
        this.runs = runs;
        this.executor = executor;
        this.maxDepth = config.maxChainDepth();
    }

    /**
     * Everything one root event shares: its user (locked), the loop guard, the runs it started,
     * and the run rows not yet written ({@link #finish} writes them all in two batches).
     */
    public static final class Chain {
        final SchoolInfo school;
        final UserState user;
        final String rootEventId;
        final Instant rootOccurredAt;
        final Instant receivedAt;
        final Set<String> ran = new HashSet<>();
        /** "user.inactive" for a chain the inactivity scan started (its root has no event), else null. */
        private String trigger;
        /** The backfill job that started this chain (its root has no event), else null. */
        private String jobId;
        final List<RunSummary> runs = new ArrayList<>();
        final List<RunStore.Finished> unwritten = new ArrayList<>();
        /** Waiting runs this chain resumed: no run is resumed twice by one event. */
        final Set<String> resumed = new HashSet<>();
        private BiPredicate<String, String> earlierRuns = (automation, user) -> false;
        /** Writes runs started before this chain but not yet written, so a wait_for lookup sees them. */
        private Runnable writeEarlierRuns = () -> { };

        public Chain(SchoolInfo school, UserState user, String rootEventId, Instant rootOccurredAt, Instant receivedAt) {
            this.school = school;
            this.user = user;
            this.rootEventId = rootEventId;
            this.rootOccurredAt = rootOccurredAt;
            this.receivedAt = receivedAt;
        }

        public List<RunSummary> runs() {
            return runs;
        }

        /**
         * Where runs started before this chain but not yet written can be found (a batch's
         * chunk writes its runs at its end): a once-per-user automation looks there too.
         */
        public Chain earlierRuns(BiPredicate<String, String> automationAndUser) {
            this.earlierRuns = automationAndUser;
            return this;
        }

        /**
         * How to write the runs an earlier event of the same batch chunk started, before this
         * chain looks for the user's runs waiting at a wait_for: one of them may wait there.
         */
        public Chain writeEarlierRuns(Runnable write) {
            this.writeEarlierRuns = write;
            return this;
        }

        /** A chain whose root is not an event but this trigger (user.inactive). */
        public Chain startedBy(String triggerType) {
            this.trigger = triggerType;
            return this;
        }

        /** A chain whose root is not an event but this backfill job. */
        public Chain forJob(String backfillJobId) {
            this.jobId = backfillJobId;
            return this;
        }

        /** Marks an automation as already run in this chain (a resumed run must not restart itself). */
        public Chain alreadyRan(String automationId) {
            ran.add(automationId);
            return this;
        }
    }

    public void process(Chain chain, Happening event, int depth) {
        process(chain, event, depth, null);
    }

    /**
     * The run of one automation for a user.inactive moment, when its rule (trigger type and
     * conditions) matches the user now: the root of its own chain, at {@code chain.receivedAt}
     * (the moment), so an automation activated after it does not start.
     */
    public void startOne(Chain chain, Happening inactive, String automationId) {
        process(chain, inactive, 0, automationId);
    }

    /** What a conditions-only start did (a backfill's user). */
    public enum ConditionsStart {
        /** Started (or, for a dry run, would have). */
        RAN,
        /** The conditions do not hold for the user now. */
        CONDITIONS_FALSE,
        /** once_per_user: the user has a run of it already. */
        REENTRY
    }

    /**
     * A run of the automation's version {@code a} when its <em>conditions</em> hold for the user
     * now, its trigger not asked (a backfill runs it for users who already match): the root of
     * its own chain, reentry respected. {@code dryRun} evaluates and starts nothing.
     */
    public ConditionsStart startOnConditions(Chain chain, Happening started, AutomationStates.State a, boolean dryRun) {
        AutomationDefinition d = definitions.of(chain.school.id(), a.automationId(), a.version());
        Supplier<EventFact> fact = () -> Facts.of(chain.school, started, chain.user);
        if (d.conditions() != null && !conditions.on(chain.school.id(), fact).test(d.conditions())) {
            return ConditionsStart.CONDITIONS_FALSE;
        }
        if (d.reentry() == Reentry.ONCE_PER_USER && runs.hasRun(chain.school.id(), a.automationId(), chain.user.id())) {
            return ConditionsStart.REENTRY;
        }
        if (!dryRun && chain.ran.add(a.automationId())) {
            run(chain, started, 0, a.automationId(), a.version(), d, null);
        }
        return ConditionsStart.RAN;
    }

    /**
     * {@code only}: the one automation that may start, or null for every match. The event first
     * resumes the runs waiting at the wait_for steps it matches, then starts its new runs; an
     * automation it resumed may also start here, and then runs no more in the chain.
     */
    private void process(Chain chain, Happening event, int depth, String only) {
        EventFact fact = Facts.of(chain.school, event, chain.user);
        List<Match> matches = rules.evaluate(chain.school.id(), chain.school.rulesVersion(), fact);
        Set<String> resumedHere = only == null && !fact.waits().isEmpty() ? resume(chain, fact.waits(), depth) : Set.of();
        for (Match m : matches) {
            if (only != null && (m.fromAnalystRule() || !only.equals(m.automationId()))) {
                continue;
            }
            if (m.fromAnalystRule()) {
                // an analyst rule is live as long as its file is; the loop guard is the same
                if (chain.ran.add(m.automationId())) {
                    run(chain, event, depth, m.automationId(), m.version(), null, m.actions());
                }
                continue;
            }
            Optional<AutomationStates.State> found = automations.find(chain.school.id(), chain.school.rulesVersion(),
                    m.automationId());
            if (found.isEmpty() || !startable(found.get(), m, chain.receivedAt)) {
                continue;
            }
            // loop guard: within one root event an automation runs at most once for the user (a
            // run this very event resumed does not count against its start)
            if (!chain.ran.add(m.automationId()) && !resumedHere.contains(m.automationId())) {
                continue;
            }
            AutomationStates.State a = found.get();
            AutomationDefinition d = definitions.of(chain.school.id(), a.automationId(), a.version());
            // runs of this chain are not written yet, but the loop guard keeps this automation out of them
            if (d.reentry() == Reentry.ONCE_PER_USER && (chain.earlierRuns.test(a.automationId(), chain.user.id())
                    || runs.hasRun(chain.school.id(), a.automationId(), chain.user.id()))) {
                continue;
            }
            run(chain, event, depth, a.automationId(), a.version(), d, null);
        }
    }

    /**
     * Resumes the user's runs waiting at the wait_for steps the event matched (the rule base
     * says which: no scan of waiting runs), each at most once per chain, and not those of an
     * automation that already ran in the chain (the loop guard). A run whose timeout came before
     * the event was received, or that the timer holds, is left to the timer: on a tie, whichever
     * is applied first wins. Returns the automations resumed here.
     */
    private Set<String> resume(Chain chain, List<WaitMatch> waits, int depth) {
        Set<String> ranBefore = Set.copyOf(chain.ran);
        Set<String> resumedHere = new HashSet<>();
        chain.writeEarlierRuns.run();
        for (WaitMatch w : waits) {
            if (ranBefore.contains(w.automationId())) {
                continue;
            }
            for (RunStore.WaitingRun seen : runs.waitingAt(chain.school.id(), chain.user.id(), w.automationId(),
                    w.version(), w.step())) {
                if (chain.resumed.contains(seen.id())
                        || (seen.resumeAt() != null && !seen.resumeAt().isAfter(chain.receivedAt))) {
                    continue;
                }
                Optional<RunStore.WaitingRun> claimed = runs.claim(seen.id());
                if (claimed.isEmpty() || !w.step().equals(claimed.get().position())) {
                    continue; // the timer holds it, or it moved on meanwhile
                }
                chain.resumed.add(seen.id());
                chain.ran.add(w.automationId());
                resumedHere.add(w.automationId());
                RunStore.WaitingRun run = claimed.get();
                Continued c = continueRun(chain.school, chain.user, run, Resume.event(chain.rootEventId), depth,
                        Instant.now());
                chain.runs.add(new RunSummary(run.id(), run.automationId(), run.version(), c.status(), true));
                if (c.error() == null) {
                    // the resumed steps join this event's chain, one level below it
                    raise(chain, c.execution().raised(), run.automationId(), depth + 1);
                }
            }
        }
        return resumedHere;
    }

    /** How a waiting run went on: what its steps did, its status now, and a depth error. */
    record Continued(Execution execution, String status, String error) {
    }

    /**
     * Continues a claimed waiting run from where it stands, on the version it started on, for
     * its user as they are now (locked): {@code resume} says why (a timer, or an event that
     * matched its wait_for). Writes how it went and tells the platform; raising its changes is
     * the caller's, since it knows the chain they join.
     */
    Continued continueRun(SchoolInfo school, UserState user, RunStore.WaitingRun run, Resume resume, int depth,
                          Instant now) {
        AutomationDefinition d = definitions.of(run.schoolId(), run.automationId(), run.version());
        Happening started = run.started();
        Supplier<EventFact> fact = () -> Facts.of(school, started, user);
        ActionContext ctx = new ActionContext(school, user, run.id(), run.automationId(), run.version(),
                run.eventId(), run.eventOccurredAt(), run.courseId(), run.eventFields(), fact, run.jobId(), run.trigger());
        Execution x = executor.execute(ctx, d.steps(), d.exitWhen(), run.at(), resume, now,
                conditions.on(run.schoolId(), fact));
        String error = depthError(depth, !x.raised().isEmpty());
        String status = x.status();
        runs.resumed(run.schoolId(), run.id(), status, x.outcomes(), x.unreached(),
                x.waiting() ? x.resumeAtIndex() : d.steps().size(), x.position(), x.resumeAt(), error,
                x.waiting() ? null : Instant.now());
        tell(new PlatformChanges.Run(run.schoolId(), run.userId(), run.automationId(), run.version(), run.id(),
                run.eventId(), run.eventOccurredAt(), run.jobId(), run.trigger()), x, status, error);
        return new Continued(x, status, error);
    }

    /** Writes the chain's runs and their actions: two round trips however many runs it started. */
    public void finish(Chain chain) {
        runs.insertAll(chain.unwritten);
        chain.unwritten.clear();
    }

    /**
     * A run of an automation's flow ({@code d}), or of the actions an analyst rule recorded
     * ({@code recorded}, when {@code d} is null).
     */
    private void run(Chain chain, Happening event, int depth, String automationId, int version, AutomationDefinition d,
                     List<Action> recorded) {
        Instant now = Instant.now();
        String runId = newRunId();
        Supplier<EventFact> fact = () -> Facts.of(chain.school, event, chain.user);
        ActionContext ctx = new ActionContext(chain.school, chain.user, runId, automationId, version, chain.rootEventId,
                chain.rootOccurredAt, event.courseId(), event.fields(), fact, chain.jobId, chain.trigger);
        Execution x = d == null ? executor.executeRecorded(ctx, recorded, now)
                : executor.execute(ctx, d.steps(), d.exitWhen(), StepTree.Position.start(), null, now,
                        conditions.on(chain.school.id(), fact));
        String error = depthError(depth, !x.raised().isEmpty());
        boolean tooDeep = error != null;
        String status = x.status();
        int steps = d == null ? recorded.size() : d.steps().size();
        chain.unwritten.add(new RunStore.Finished(new RunStore.NewRun(runId, chain.school.id(), automationId, version,
                chain.user.id(), chain.rootEventId, depth, now, event.courseId(), event.fields(), chain.rootOccurredAt,
                chain.trigger, chain.jobId), status, x.outcomes(),
                x.waiting() ? x.resumeAtIndex() : steps, x.position(), x.resumeAt(), error,
                x.waiting() ? null : Instant.now()));
        chain.runs.add(new RunSummary(runId, automationId, version, status));
        tell(new PlatformChanges.Run(chain.school.id(), chain.user.id(), automationId, version, runId, chain.rootEventId,
                chain.rootOccurredAt, chain.jobId, chain.trigger), x, status, error);
        if (!tooDeep) {
            raise(chain, x.raised(), automationId, depth + 1);
        }
    }

    /**
     * Queues the deliveries the school's platform hears of, in the run's transaction: one per
     * change, and one when the run ended (a waiting run tells when it ends later).
     */
    void tell(PlatformChanges.Run run, Execution x, String status, String error) {
        List<PlatformEvent> events = new ArrayList<>(PlatformChanges.of(run, x.raised()));
        PlatformEvent ended = PlatformChanges.ended(run, status, error);
        if (ended != null) {
            events.add(ended);
        }
        webhooks.publish(events);
    }

    /** Feeds the changes a run made back in as internal events, one level deeper. */
    void raise(Chain chain, List<RaisedEvent> raised, String automationId, int depth) {
        for (RaisedEvent e : raised) {
            if (!e.triggers()) {
                continue;
            }
            process(chain, Happening.internal(e.type(), e.courseId(), e.reason(), e.tagsAdded(), e.tagsRemoved(),
                    automationId), depth);
        }
    }

    /** The error a run records when its changes may not start further automations. */
    String depthError(int depth, boolean raisedAny) {
        return depth + 1 > maxDepth && raisedAny ? "the chain reached the depth limit of " + maxDepth
                + "; the changes this run made did not start further automations" : null;
    }

    /** Active, the version the rule base matched, and active before the event arrived. */
    private static boolean startable(AutomationStates.State a, Match m, Instant receivedAt) {
        return "active".equals(a.status()) && a.version() == m.version()
                && a.activatedAt() != null && !a.activatedAt().isAfter(receivedAt);
    }

    private static String newRunId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "run_" + HexFormat.of().formatHex(b);
    }
}
