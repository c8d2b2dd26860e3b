package com.userautomations.backfill;

import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.EventlessRuns;
import com.userautomations.common.FieldError;
import com.userautomations.common.Timestamps;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.SchoolService;
import com.userautomations.directory.UserState;
import com.userautomations.directory.UserStore;
import com.userautomations.events.AutomationStates;
import com.userautomations.events.Definitions;
import com.userautomations.events.EventProcessor;
import com.userautomations.events.Happening;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One page of one job, in the caller's transaction: the oldest live job no other worker holds,
 * the next users after its cursor in id order, one run each of those meeting the conditions, and
 * the cursor moved past them, all committed together (so a restart resumes after the last
 * committed page, and no user of a job runs twice).
 */
@ApplicationScoped
class BackfillRunner {
    /** The backfill's "event" as conditions and merge fields see it: none, but the trigger's course. */
    static final String HAPPENING = "backfill";

    /** What a page did: whether a job was found, the runs it started, and whether its cursor moved. */
    record Step(boolean found, int runs, boolean moved) {
        static final Step NONE = new Step(false, 0, false);
    }

    private final BackfillJobs jobs;
    private final SchoolService schools;
    private final AutomationStates states;
    private final Definitions definitions;
    private final UserStore users;
    private final EventProcessor processor;

    BackfillRunner(BackfillJobs jobs, SchoolService schools, AutomationStates states, Definitions definitions,
                   UserStore users, EventProcessor processor) {
        this.jobs = jobs;
        this.schools = schools;
        this.states = states;
        this.definitions = definitions;
        this.users = users;
        this.processor = processor;
    }

    /** Works one page of at most {@code limit} users (a dry run: {@code dryRunLimit}). Call inside a transaction. */
    Step page(int limit, int dryRunLimit) {
        Optional<BackfillJob> claimed = jobs.claimNext();
        if (claimed.isEmpty()) {
            return Step.NONE;
        }
        BackfillJob job = claimed.get();
        Instant now = Timestamps.now();
        Optional<SchoolInfo> school = schools.info(job.schoolId());
        Optional<AutomationStates.State> state = school.flatMap(s -> states.find(s.id(), s.rulesVersion(), job.automationId()));
        if (state.isEmpty()) {
            jobs.ended(job.id(), JobStatus.FAILED, "the automation was deleted", now);
            return new Step(true, 0, true);
        }
        AutomationStates.State a = state.get();
        if (!"active".equals(a.status())) {
            jobs.ended(job.id(), JobStatus.FAILED, "the automation was paused; start a new backfill once it is active", now);
            return new Step(true, 0, true);
        }
        // a version saved since the job began is run from here on ("the current version"): it must
        // still be one a run without an event can carry out
        AutomationDefinition d = definitions.of(job.schoolId(), a.automationId(), a.version());
        String course = EventlessRuns.onlyCourse(d);
        List<FieldError> problems = EventlessRuns.problems(d, course, BackfillService.NO_EVENT);
        if (!problems.isEmpty()) {
            jobs.ended(job.id(), JobStatus.FAILED, "version " + a.version() + " cannot run without an event: "
                    + problems.get(0).field() + " " + problems.get(0).message(), now);
            return new Step(true, 0, true);
        }
        if (job.status() == JobStatus.QUEUED) {
            jobs.started(job.id(), users.count(job.schoolId()), now);
        }
        int size = job.dryRun() ? dryRunLimit : limit;
        List<String> ids = users.idsAfter(job.schoolId(), job.cursor(), size);
        Happening backfill = new Happening(HAPPENING, course, null, null, null, null, Set.of(), Set.of(), Map.of(), null);
        String cursor = job.cursor();
        int processed = 0;
        int runs = 0;
        int skipped = 0;
        boolean busy = false;
        for (String id : ids) {
            Optional<UserState> user = users.tryLock(job.schoolId(), id);
            if (user.isEmpty()) {
                // an event holds the user (or it was just deleted): the page ends before it, and the
                // next one starts there; the worker never waits for an event's lock
                busy = true;
                break;
            }
            EventProcessor.Chain chain = new EventProcessor.Chain(school.get(), user.get(), null, null, now)
                    .forJob(job.id());
            EventProcessor.ConditionsStart started = processor.startOnConditions(chain, backfill, a, job.dryRun());
            processor.finish(chain);
            processed++;
            cursor = id;
            if (started == EventProcessor.ConditionsStart.RAN) {
                runs++;
            } else if (started == EventProcessor.ConditionsStart.REENTRY) {
                skipped++;
            }
        }
        if (processed > 0) {
            jobs.advanced(job.id(), cursor, processed, runs, skipped);
        }
        if (!busy && ids.size() < size) {
            jobs.ended(job.id(), JobStatus.COMPLETED, null, Timestamps.now());
            return new Step(true, job.dryRun() ? 0 : runs, true);
        }
        return new Step(true, job.dryRun() ? 0 : runs, processed > 0);
    }
}
