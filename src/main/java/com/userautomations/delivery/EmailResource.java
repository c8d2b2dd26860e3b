package com.userautomations.delivery;

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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "Events, runs and emails")
@Path("/api/v1/schools/{schoolId}/emails")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class EmailResource {
    private final SchoolService schools;
    private final EmailQueries queries;
    private final EmailRetries retries;

    public EmailResource(SchoolService schools, EmailQueries queries, EmailRetries retries) {
        this.schools = schools;
        this.queries = queries;
        this.retries = retries;
    }

    @Operation(summary = "Send a failed email again")
    @POST
    @Path("/{emailId: [^/:]+}:retry")
    public Response retryEmail(@PathParam("schoolId") String s, @PathParam("emailId") String emailId) {
        retries.retry(schools.require(s).id, emailId);
        return Response.accepted(queries.email(s, emailId)).build();
    }

    @Operation(summary = "List emails (one per recipient), by user or automation")
    @GET
    public Page<Map<String, Object>> emails(@PathParam("schoolId") String s, @QueryParam("userId") String userId,
                                            @QueryParam("automationId") String automationId,
                                            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return queries.emails(schools.require(s).id, userId, automationId, limit, cursor);
    }
}
