package com.userautomations.delivery;

import com.userautomations.common.RequestSchool;
import com.userautomations.common.Page;
import com.userautomations.directory.SchoolService;
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

@Tag(name = "Events, runs and emails")
@Path("/api/v1/schools/{schoolId}/emails")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class EmailResource {
    private final RequestSchool school;
    private final OutboxQueries queries;
    private final EmailRetries retries;

    public EmailResource(RequestSchool school, OutboxQueries queries, EmailRetries retries) {
        this.school = school;
        this.queries = queries;
        this.retries = retries;
    }

    @Operation(operationId = "retryEmail", summary = "Send a failed email again")
    @APIResponse(responseCode = "202", description = "queued again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EmailView.class)))
    @POST
    @Path("/{emailId: [^/:]+}:retry")
    public Response retryEmail(@PathParam("schoolId") String s, @PathParam("emailId") String emailId) {
        return Response.accepted(retries.retry(school.id(), emailId)).build();
    }

    @Operation(operationId = "listEmails", summary = "List emails (one per recipient), by user or automation")
    @APIResponse(responseCode = "200", description = "emails, newest first",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = EmailSchemas.EmailList.class)))
    @GET
    public Page<EmailView> emails(@PathParam("schoolId") String s, @QueryParam("userId") String userId,
                                  @QueryParam("automationId") String automationId,
                                  @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return queries.page(EmailView.TABLE, school.id(), userId, automationId, limit, cursor);
    }
}
