package com.userautomations.timeline;

import com.userautomations.common.RequestSchool;
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

@Tag(name = "Events, runs and emails")
@Path("/api/v1/schools/{schoolId}/users/{userId}/timeline")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class TimelineResource {
    private final RequestSchool school;
    private final Timeline timeline;

    public TimelineResource(RequestSchool school, Timeline timeline) {
        this.school = school;
        this.timeline = timeline;
    }

    @Operation(operationId = "getUserTimeline",
            summary = "A user's posted events, runs, emails, pushes and webhook deliveries, newest first")
    @APIResponse(responseCode = "200", description = "one page of the timeline, newest first by at, then id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TimelinePage.class)))
    @GET
    public TimelinePage get(@PathParam("schoolId") String s, @PathParam("userId") String userId,
                            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return timeline.page(school.id(), userId, limit, cursor);
    }
}
