package com.userautomations.events;

import com.userautomations.actions.Execution;
import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.StepTree;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.UserState;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * "Stop as soon as the goal is met": on each event, after its state change and before its new
 * runs start, the user's waiting runs whose automation's exitWhen (of the run's version) now
 * holds end {@code exited}, in the event's transaction. A paused automation's runs hold.
 */
@ApplicationScoped
public class WaitingExits {
    private final RunStore runs;
    private final Definitions definitions;
    private final AutomationStates automations;
    private final StepConditions conditions;
    private final EventProcessor processor;

    public WaitingExits(RunStore runs, Definitions definitions, AutomationStates automations,
                        StepConditions conditions, EventProcessor processor) {
        this.runs = runs;
        this.definitions = definitions;
        this.automations = automations;
        this.conditions = conditions;
        this.processor = processor;
    }

    /** Call with the user's row locked, after the event's state change. */
    void check(SchoolInfo school, UserState user) {
        for (RunStore.WaitingRun run : runs.waitingOf(school.id(), user.id())) {
            AutomationDefinition d = definitions.of(school.id(), run.automationId(), run.version());
            if (d.exitWhen() == null || !active(school, run.automationId())) {
                continue;
            }
            Happening started = run.started();
            if (!conditions.on(school.id(), () -> Facts.of(school, started, user)).test(d.exitWhen())) {
                continue;
            }
            StepTree tree = StepTree.of(d.steps());
            List<Integer> pending = tree.after(run.at()).stream().map(StepTree.Node::number).toList();
            runs.exited(run.id(), pending, Instant.now());
            processor.tell(new PlatformChanges.Run(school.id(), user.id(), run.automationId(), run.version(), run.id(),
                    run.eventId(), run.eventOccurredAt()), new Execution(List.of(), List.of(), null, null), "exited", null);
        }
    }

    private boolean active(SchoolInfo school, String automationId) {
        Optional<AutomationStates.State> state = automations.find(school.id(), school.rulesVersion(), automationId);
        return state.isPresent() && "active".equals(state.get().status());
    }
}
