package com.userautomations.events;

import com.userautomations.actions.ActionContext;
import com.userautomations.actions.ActionExecutor;
import com.userautomations.actions.Execution;
import com.userautomations.automation.AutomationDefinition;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.SchoolService;
import com.userautomations.directory.UserState;
import com.userautomations.directory.UserStore;
import com.userautomations.engine.EventFact;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Continues a run after its wait, in one transaction and under the same per-user lock as an
 * event: the actions after the wait run, and their changes chain as in the core.
 */
@ApplicationScoped
public class RunResumer {
    private final RunStore runs;
    private final SchoolService schools;
    private final UserStore users;
    private final ActionExecutor executor;
    private final EventProcessor processor;
    private final Definitions definitions;
    private final StepConditions conditions;

    public RunResumer(RunStore runs, SchoolService schools, UserStore users, ActionExecutor executor,
                      EventProcessor processor, Definitions definitions, StepConditions conditions) {
        this.definitions = definitions;
        this.conditions = conditions;
        this.runs = runs;
        this.schools = schools;
        this.users = users;
        this.executor = executor;
        this.processor = processor;
    }

    /** Resumes one due run; false when none is due. Call inside a transaction. */
    public boolean resumeOne(Instant now) {
        for (String id : runs.dueIds(now, 20)) {
            Optional<RunStore.WaitingRun> claimed = runs.claim(id);
            if (claimed.isPresent()) {
                resume(claimed.get(), now);
                return true;
            }
        }
        return false;
    }

    private void resume(RunStore.WaitingRun run, Instant now) {
        SchoolInfo school = schools.info(run.schoolId()).orElseThrow();
        Optional<UserState> user = users.lock(run.schoolId(), run.userId());
        if (user.isEmpty()) {
            runs.resumed(run.schoolId(), run.id(), "skipped", List.of(), List.of(), run.nextAction(), run.position(), null,
                    "the user no longer exists", now);
            return;
        }
        AutomationDefinition d = definitions.of(run.schoolId(), run.automationId(), run.version());
        Happening started = run.started();
        Supplier<EventFact> fact = () -> Facts.of(school, started, user.get());
        ActionContext ctx = new ActionContext(school, user.get(), run.id(), run.automationId(), run.version(),
                run.eventId(), run.eventOccurredAt(), run.courseId(), run.eventFields(), fact);
        // the definition of the version the run started on, whatever the automation holds now
        Execution x = executor.execute(ctx, d.steps(), d.exitWhen(), run.at(), now, conditions.on(run.schoolId(), fact));
        String error = processor.depthError(run.depth(), !x.raised().isEmpty());
        String status = x.status();
        runs.resumed(run.schoolId(), run.id(), status, x.outcomes(), x.unreached(),
                x.waiting() ? x.resumeAtIndex() : d.steps().size(), x.position(), x.resumeAt(), error,
                x.waiting() ? null : Instant.now());
        processor.tell(new PlatformChanges.Run(run.schoolId(), run.userId(), run.automationId(), run.version(), run.id(),
                run.eventId(), run.eventOccurredAt()), x, status, error);
        if (error == null) {
            EventProcessor.Chain chain = new EventProcessor.Chain(school, user.get(), run.eventId(), run.eventOccurredAt(), now)
                    .alreadyRan(run.automationId());
            processor.raise(chain, x.raised(), run.automationId(), run.depth() + 1);
            processor.finish(chain);
        }
    }
}
