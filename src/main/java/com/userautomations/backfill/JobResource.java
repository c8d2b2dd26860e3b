package com.userautomations.backfill;

import com.userautomations.common.RequestSchool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The school's jobs (API.md 1.1): reading, listing and cancelling them. */
@Tag(name = "Backfills")
@Path("/api/v1/schools/{schoolId}/jobs")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class JobResource {
    private final RequestSchool school;
    private final BackfillService backfills;

    public JobResource(RequestSchool school, BackfillService backfills) {
        this.school = school;
        this.backfills = backfills;
    }

    @Operation(operationId = "listJobs", summary = "List the school's jobs (of one automation, if given), newest first")
    @APIResponse(responseCode = "200", description = "a page of jobs",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobList.class)))
    @GET
    public JobList list(@PathParam("schoolId") String s, @QueryParam("automationId") String automationId,
                        @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return backfills.list(school.id(), automationId, limit, cursor);
    }

    @Operation(operationId = "getJob", summary = "Read a job and its progress")
    @APIResponse(responseCode = "200", description = "the job",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobView.class)))
    @GET
    @Path("/{jobId}")
    public JobView get(@PathParam("schoolId") String s, @PathParam("jobId") String jobId) {
        return backfills.get(school.id(), jobId);
    }

    @Operation(operationId = "cancelJob", summary = "Cancel a queued or running job (409 once it ended)")
    @APIResponse(responseCode = "202", description = "the job, cancelled",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobView.class)))
    @POST
    @Path("/{jobId: [^/:]+}:cancel")
    public Response cancel(@PathParam("schoolId") String s, @PathParam("jobId") String jobId) {
        return Response.accepted(backfills.cancel(school.id(), jobId)).build();
    }
}
