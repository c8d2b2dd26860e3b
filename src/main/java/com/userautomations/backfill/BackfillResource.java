package com.userautomations.backfill;

import com.userautomations.common.RequestSchool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST .../automations/{id}:backfill} (API.md 1.1): queues a backfill job. */
@Tag(name = "Backfills")
@Path("/api/v1/schools/{schoolId}/automations/{id: [^/:]+}:backfill")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class BackfillResource {
    private final RequestSchool school;
    private final BackfillService backfills;

    public BackfillResource(RequestSchool school, BackfillService backfills) {
        this.school = school;
        this.backfills = backfills;
    }

    @Operation(operationId = "backfillAutomation",
            summary = "Run the automation's current version once for every user meeting its conditions now, as a job")
    @APIResponse(responseCode = "202", description = "the job, queued",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = JobStarted.class)))
    @POST
    public Response start(@PathParam("schoolId") String s, @PathParam("id") String id,
                          @RequestBody(required = false, content = @Content(mediaType = "application/json",
                                  schema = @Schema(implementation = BackfillRequest.class),
                                  examples = @ExampleObject(name = "dry run", value = "{\"dryRun\": true}")))
                          byte[] body) {
        return Response.accepted(backfills.start(school.id(), id, body)).build();
    }

}
