package com.userautomations.push;

import com.userautomations.common.Page;
import com.userautomations.common.RequestSchool;
import com.userautomations.delivery.OutboxQueries;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "Web push")
@Path("/api/v1/schools/{schoolId}/pushes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PushListResource {
    private final RequestSchool school;
    private final OutboxQueries queries;

    public PushListResource(RequestSchool school, OutboxQueries queries) {
        this.school = school;
        this.queries = queries;
    }

    /** A page of pushes; its schema names the item type. */
    @Schema(name = "PushList")
    public record PushList(java.util.List<PushView> items, @Schema(nullable = true) String nextCursor) {
    }

    @Operation(operationId = "listPushes", summary = "List pushes (one per subscription), by user or automation")
    @APIResponse(responseCode = "200", description = "pushes, newest first",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PushList.class)))
    @GET
    public Page<PushView> pushes(@PathParam("schoolId") String s, @QueryParam("userId") String userId,
                                 @QueryParam("automationId") String automationId,
                                 @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return queries.page(PushView.TABLE, school.id(), userId, automationId, limit, cursor);
    }
}
