package com.userautomations.events;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.userautomations.common.Page;
import com.userautomations.common.RequestSchool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;


/** Events in (one or a batch), and what they did: an event with its answer and runs, runs. */
@Tag(name = "Events, runs and emails")
@Path("/api/v1/schools/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class EventResource {
    private final RequestSchool school;
    private final EventService events;
    private final EventBatch batch;
    private final EventQueries queries;

    public EventResource(RequestSchool school, EventService events, EventBatch batch, EventQueries queries) {
        this.school = school;
        this.events = events;
        this.batch = batch;
        this.queries = queries;
    }

    @Operation(operationId = "postEvent", summary = "Post one event: stored, applied, evaluated and its actions queued in one transaction")
    @APIResponse(responseCode = "202", description = "stored and applied; the runs it started", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EventAnswer.class)))
    @APIResponse(responseCode = "200", description = "the same id with the same body again: the first answer, duplicate true", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EventAnswer.class)))
    @POST
    @Path("/events")
    public Response post(@PathParam("schoolId") String s, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = EventSchemas.EventRequest.class), examples = @ExampleObject(name = "example", value = "{\"id\": \"evt-123\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"a\", \"b\"]}")))
            byte[] body) {
        // no separate read of the school: ingest reads it in the event's transaction (404 first, then the body)
        EventService.Answer answer = events.ingest(s, body);
        return Response.status(answer.status()).entity(answer.body()).build();
    }

    @Operation(operationId = "postEventBatch", summary = "Post up to 1,000 events; one answer or problem per event, in order")
    @APIResponse(responseCode = "200", description = "one result per event, in order", content = @Content(mediaType = "application/json", schema = @Schema(implementation = BatchAnswer.class)))
    @POST
    @Path("/events:batch")
    public BatchAnswer batch(@PathParam("schoolId") String s, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = EventSchemas.EventBatchRequest.class), examples = @ExampleObject(name = "example", value = "{\"events\": [{\"id\": \"evt-1\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"BF2026\"}]}")))
            byte[] body) {
        return new BatchAnswer(batch.ingest(school.id(), body));
    }

    @Operation(operationId = "getEvent", summary = "Read an event with its answer and runs")
    @APIResponse(responseCode = "200", description = "the event as posted, its first answer and its runs", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EventView.class)))
    @GET
    @Path("/events/{eventId}")
    public EventView get(@PathParam("schoolId") String s, @PathParam("eventId") String eventId) {
        return queries.event(school.id(), eventId);
    }

    @Operation(operationId = "listRuns", summary = "List runs (newest first), by automation, user or event")
    @APIResponse(responseCode = "200", description = "runs, newest first", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EventSchemas.RunList.class)))
    @GET
    @Path("/runs")
    public Page<RunView> runs(@PathParam("schoolId") String s, @jakarta.ws.rs.QueryParam("automationId") String automationId,
                              @jakarta.ws.rs.QueryParam("userId") String userId,
                              @jakarta.ws.rs.QueryParam("eventId") String eventId,
                              @jakarta.ws.rs.QueryParam("limit") String limit,
                              @jakarta.ws.rs.QueryParam("cursor") String cursor) {
        return queries.runs(school.id(), automationId, userId, eventId, limit, cursor);
    }

    @Operation(operationId = "listUserEvents", summary = "List a user's posted events (newest first); userId is required")
    @APIResponse(responseCode = "200", description = "the user's posted events, newest first", content = @Content(mediaType = "application/json", schema = @Schema(implementation = EventSchemas.EventList.class)))
    @GET
    @Path("/events")
    public Page<UserEventView> events(@PathParam("schoolId") String s,
                                      @jakarta.ws.rs.QueryParam("userId") String userId,
                                      @jakarta.ws.rs.QueryParam("limit") String limit,
                                      @jakarta.ws.rs.QueryParam("cursor") String cursor) {
        return queries.events(school.id(), userId, limit, cursor);
    }
}
