package com.userautomations.backfill;

import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.automation.AutomationDefinition;
import com.userautomations.automation.AutomationStore;
import com.userautomations.automation.EventlessRuns;
import com.userautomations.automation.StoredAutomation;
import com.userautomations.common.ApiException;
import com.userautomations.common.BodyReader;
import com.userautomations.common.Cursors;
import com.userautomations.common.FieldError;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.Timestamps;
import com.userautomations.events.Definitions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/** Starting, reading, listing and cancelling backfill jobs; the worker ({@link BackfillRunner}) does the rest. */
@ApplicationScoped
public class BackfillService {
    private static final SecureRandom RANDOM = new SecureRandom();
    static final String NO_EVENT = "a backfill run";

    private final BackfillJobs jobs;
    private final AutomationStore automations;
    private final Definitions definitions;
    private final Cursors cursors;

    public BackfillService(BackfillJobs jobs, AutomationStore automations, Definitions definitions, Cursors cursors) {
        this.jobs = jobs;
        this.automations = automations;
        this.definitions = definitions;
        this.cursors = cursors;
    }

    /**
     * Queues a job for the automation's current version. The automation's row is locked, so two
     * requests for one automation cannot both find no live job.
     */
    @Transactional
    public JobStarted start(String schoolId, String automationId, byte[] body) {
        boolean dryRun = dryRun(body);
        StoredAutomation a = automations.lock(schoolId, automationId)
                .orElseThrow(() -> ApiException.notFound("No such automation"));
        AutomationDefinition d = definitions.of(schoolId, a.id(), a.version());
        List<FieldError> problems = EventlessRuns.problems(d, EventlessRuns.onlyCourse(d), NO_EVENT);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        // PATCH {"status"} makes no version: the automation's row says whether it is paused
        if (!"active".equals(a.status())) {
            throw ApiException.conflict("The automation is paused: activate it to backfill it");
        }
        if (jobs.hasLive(schoolId, a.id())) {
            throw ApiException.conflict("A backfill of this automation is queued or running: wait for it or cancel it");
        }
        BackfillJob job = new BackfillJob(newId(), schoolId, a.id(), a.version(), dryRun, JobStatus.QUEUED, null, 0, 0,
                0, null, null, Timestamps.now(), null, null);
        jobs.insert(job);
        return new JobStarted(job.id());
    }

    public JobView get(String schoolId, String jobId) {
        return jobs.find(schoolId, jobId).map(BackfillJob::view).orElseThrow(BackfillService::unknown);
    }

    public JobList list(String schoolId, String automationId, String limit, String cursor) {
        String scope = Cursors.scope("jobs", schoolId, automationId);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        return JobList.of(cursors.page(jobs.list(schoolId, automationId, page), page, scope,
                j -> List.of(j.createdAt().toString(), j.id())));
    }

    /** Ends a live job: the worker's next page finds it ended (a page under way commits first: it holds the row). */
    @Transactional
    public JobView cancel(String schoolId, String jobId) {
        BackfillJob job = jobs.lock(schoolId, jobId).orElseThrow(BackfillService::unknown);
        if (!job.status().live()) {
            throw ApiException.conflict("The job has ended (" + job.status().wireName() + "): there is nothing to cancel");
        }
        jobs.ended(job.id(), JobStatus.CANCELLED, null, Timestamps.now());
        return jobs.find(schoolId, jobId).map(BackfillJob::view).orElseThrow(BackfillService::unknown);
    }

    /** {@code {"dryRun"?: false}}; no body at all is {}. Unknown keys are refused. */
    private static boolean dryRun(byte[] body) {
        if (body == null || body.length == 0) {
            return false;
        }
        JsonNode json = JsonBodies.parseObject(body);
        BodyReader in = new BodyReader(json);
        Boolean dryRun = in.bool("dryRun");
        in.throwIfInvalid();
        return Boolean.TRUE.equals(dryRun);
    }

    private static ApiException unknown() {
        return ApiException.notFound("No such job");
    }

    private static String newId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "job_" + HexFormat.of().formatHex(b);
    }
}
