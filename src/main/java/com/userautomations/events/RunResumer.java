package com.userautomations.events;

import com.userautomations.actions.Execution;
import com.userautomations.actions.Resume;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.SchoolService;
import com.userautomations.directory.UserState;
import com.userautomations.directory.UserStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Continues a run when its wait ends, or its wait_for's timeout comes, in one transaction and
 * under the same per-user lock as an event: the steps after it run, and their changes chain as
 * in the core, one level below the run.
 */
@ApplicationScoped
public class RunResumer {
    private final RunStore runs;
    private final SchoolService schools;
    private final UserStore users;
    private final EventProcessor processor;

    public RunResumer(RunStore runs, SchoolService schools, UserStore users, EventProcessor processor) {
        this.runs = runs;
        this.schools = schools;
        this.users = users;
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
        // the definition of the version the run started on, whatever the automation holds now; at
        // a wait_for, the timer's resumption is its timeout
        EventProcessor.Continued c = processor.continueRun(school, user.get(), run, Resume.timeout(), run.depth(), now);
        String error = c.error();
        Execution x = c.execution();
        if (error == null) {
            EventProcessor.Chain chain = new EventProcessor.Chain(school, user.get(), run.eventId(), run.eventOccurredAt(), now)
                    .alreadyRan(run.automationId());
            processor.raise(chain, x.raised(), run.automationId(), run.depth() + 1);
            processor.finish(chain);
        }
    }
}
