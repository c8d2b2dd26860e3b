package com.userautomations.events;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.Page;
import com.userautomations.directory.SchoolService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

/** Events in (one or a batch), and what they did: an event with its answer and runs, runs. */
@Tag(name = "Events, runs and emails")
@Path("/api/v1/schools/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class EventResource {
    private final SchoolService schools;
    private final EventService events;
    private final EventBatch batch;
    private final EventQueries queries;

    public EventResource(SchoolService schools, EventService events, EventBatch batch, EventQueries queries) {
        this.schools = schools;
        this.events = events;
        this.batch = batch;
        this.queries = queries;
    }

    @Operation(summary = "Post one event: stored, applied, evaluated and its actions queued in one transaction")
    @POST
    @Path("/events")
    public Response post(@PathParam("schoolId") String s, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"id\": \"evt-123\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"a\", \"b\"]}")))
            byte[] body) {
        // no separate read of the school: ingest reads it in the event's transaction (404 first, then the body)
        EventService.Answer answer = events.ingest(s, body);
        return Response.status(answer.status()).entity(answer.body()).build();
    }

    @Operation(summary = "Post up to 1,000 events; one answer or problem per event, in order")
    @POST
    @Path("/events:batch")
    public Map<String, List<Object>> batch(@PathParam("schoolId") String s, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT), examples = @ExampleObject(name = "example", value = "{\"events\": [{\"id\": \"evt-1\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"BF2026\"}]}")))
            byte[] body) {
        return Map.of("results", batch.ingest(schools.require(s).id, JsonBodies.parseObject(body, JsonBodies.BATCH_LIMIT)));
    }

    @Operation(summary = "Read an event with its answer and runs")
    @GET
    @Path("/events/{eventId}")
    public Map<String, Object> get(@PathParam("schoolId") String s, @PathParam("eventId") String eventId) {
        return queries.event(schools.require(s).id, eventId);
    }

    @Operation(summary = "List runs (newest first), by automation, user or event")
    @GET
    @Path("/runs")
    public Page<Map<String, Object>> runs(@PathParam("schoolId") String s, @jakarta.ws.rs.QueryParam("automationId") String automationId,
                                          @jakarta.ws.rs.QueryParam("userId") String userId,
                                          @jakarta.ws.rs.QueryParam("eventId") String eventId,
                                          @jakarta.ws.rs.QueryParam("limit") String limit,
                                          @jakarta.ws.rs.QueryParam("cursor") String cursor) {
        return queries.runs(schools.require(s).id, automationId, userId, eventId, limit, cursor);
    }

    @Operation(summary = "List a user's posted events (newest first); userId is required")
    @GET
    @Path("/events")
    public Page<Map<String, Object>> events(@PathParam("schoolId") String s,
                                            @jakarta.ws.rs.QueryParam("userId") String userId,
                                            @jakarta.ws.rs.QueryParam("limit") String limit,
                                            @jakarta.ws.rs.QueryParam("cursor") String cursor) {
        return queries.events(schools.require(s).id, userId, limit, cursor);
    }
}
