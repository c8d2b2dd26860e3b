package com.userautomations.events;

import com.userautomations.actions.ActionOutcome;
import com.userautomations.actions.Execution;
import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.Step;
import com.userautomations.automation.StepTree;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.UserState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Stop as soon as the goal is met": on each event, after its state change and before its new
 * runs start, the user's waiting runs whose automation's exitWhen (of the run's version) now
 * holds end {@code exited}, in the event's transaction. A paused automation's runs hold.
 */
@ApplicationScoped
public class WaitingExits {
    /** What a wait_for a run waited at says when the goal ended the run. */
    static final String WAIT_FOR_EXITED = "the run exited: its exitWhen held while it waited here";

    private final RunStore runs;
    private final Definitions definitions;
    private final AutomationStates automations;
    private final StepConditions conditions;
    private final EventProcessor processor;
    private final RuleBases rules;

    public WaitingExits(RunStore runs, Definitions definitions, AutomationStates automations,
                        StepConditions conditions, EventProcessor processor, RuleBases rules) {
        this.rules = rules;
        this.runs = runs;
        this.definitions = definitions;
        this.automations = automations;
        this.conditions = conditions;
        this.processor = processor;
    }

    /**
     * Call with the user's row locked, after the event's state change. {@code chunk}: the batch
     * chunk the event is in (null for one event), whose runs are not written yet.
     */
    void check(SchoolInfo school, UserState user, ChunkState chunk) {
        // the rule base knows whether any live version of the school has a goal: most have none,
        // and their events then do not read the user's waiting runs at all
        if (!rules.exitGoals(school.id(), school.rulesVersion())) {
            return;
        }
        for (RunStore.WaitingRun seen : runs.waitingOf(school.id(), user.id())) {
            if (!goalMet(school, user, seen.automationId(), seen.version(), seen.started())) {
                continue;
            }
            // locked only now, and only if no timer holds it: a resumption in progress reads the
            // user after this event and checks exitWhen itself
            Optional<RunStore.WaitingRun> claimed = runs.claim(seen.id());
            if (claimed.isPresent()) {
                RunStore.WaitingRun run = claimed.get();
                runs.exited(run.id(), pending(school, run.automationId(), run.version(), run.at()),
                        waitForAt(school, run.automationId(), run.version(), run.at()), Instant.now());
                tell(school, user, run.automationId(), run.version(), run.id(), run.eventId(), run.eventOccurredAt(),
                        run.jobId(), run.trigger());
            }
        }
        if (chunk != null) {
            chunk.replaceRuns(user.id(), f -> exitedInChunk(school, user, f));
        }
    }

    /** A waiting run an earlier event of the same chunk started, ended in memory before it is written. */
    private RunStore.Finished exitedInChunk(SchoolInfo school, UserState user, RunStore.Finished f) {
        RunStore.NewRun r = f.run();
        if (!"waiting".equals(f.status())) {
            return f;
        }
        StepTree.Position at = f.position() == null ? null : StepTree.Position.parse(f.position());
        if (at == null || !goalMet(school, user, r.automationId(), r.version(),
                Happening.startedRun(r.courseId(), r.eventFields()))) {
            return f;
        }
        List<Integer> pending = pending(school, r.automationId(), r.version(), at);
        Integer waitFor = waitForAt(school, r.automationId(), r.version(), at);
        tell(school, user, r.automationId(), r.version(), r.id(), r.eventId(), r.eventOccurredAt(), r.jobId(), r.trigger());
        List<ActionOutcome> reached = new ArrayList<>();
        for (ActionOutcome o : f.outcomes()) {
            if (waitFor != null && o.index() == waitFor) {
                reached.add(new ActionOutcome(o.index(), o.type(), "skipped", WAIT_FOR_EXITED, o.step(), o.position(),
                        null));
            } else if (!pending.contains(o.index())) {
                reached.add(o);
            }
        }
        return new RunStore.Finished(r, "exited", reached, f.nextAction(), f.position(), null, f.error(), Instant.now());
    }

    /** Whether the run's version has an exitWhen that holds now (a paused automation's runs hold). */
    private boolean goalMet(SchoolInfo school, UserState user, String automationId, int version, Happening started) {
        AutomationDefinition d = definitions.of(school.id(), automationId, version);
        return d.exitWhen() != null && active(school, automationId)
                && conditions.on(school.id(), () -> Facts.of(school, started, user)).test(d.exitWhen());
    }

    /**
     * The numbers of the steps a run waiting at {@code at} lists as pending and never reaches;
     * not the wait_for it waits at, which it did reach (see {@link #waitForAt}).
     */
    private List<Integer> pending(SchoolInfo school, String automationId, int version, StepTree.Position at) {
        AutomationDefinition d = definitions.of(school.id(), automationId, version);
        Integer waitFor = waitForAt(school, automationId, version, at);
        return StepTree.of(d.steps()).after(at).stream().map(StepTree.Node::number)
                .filter(n -> !n.equals(waitFor)).toList();
    }

    /** The number of the wait_for a run waits at, or null when it waits after a plain wait. */
    private Integer waitForAt(SchoolInfo school, String automationId, int version, StepTree.Position at) {
        StepTree tree = StepTree.of(definitions.of(school.id(), automationId, version).steps());
        StepTree.Node n = tree.holds(at) ? tree.at(at) : null;
        return n != null && n.step() instanceof Step.WaitFor ? n.number() : null;
    }

    private void tell(SchoolInfo school, UserState user, String automationId, int version, String runId,
                      String eventId, Instant occurredAt, String jobId, String trigger) {
        processor.tell(new PlatformChanges.Run(school.id(), user.id(), automationId, version, runId, eventId, occurredAt,
                        jobId, trigger),
                new Execution(List.of(), List.of(), null, null), "exited", null);
    }

    private boolean active(SchoolInfo school, String automationId) {
        Optional<AutomationStates.State> state = automations.find(school.id(), school.rulesVersion(), automationId);
        return state.isPresent() && "active".equals(state.get().status());
    }
}
