package com.userautomations.events;

import com.userautomations.actions.EmailRetries;
import com.userautomations.common.JsonBodies;
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

@Path("/api/v1/schools/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class EventResource {
    private final SchoolService schools;
    private final EventService events;
    private final EventBatch batch;
    private final EventQueries queries;
    private final EmailRetries retries;

    public EventResource(SchoolService schools, EventService events, EventBatch batch, EventQueries queries,
                         EmailRetries retries) {
        this.schools = schools;
        this.events = events;
        this.batch = batch;
        this.queries = queries;
        this.retries = retries;
    }

    @POST
    @Path("/events")
    public Response post(@PathParam("schoolId") String s, byte[] body) {
        EventService.Answer answer = events.ingest(schools.require(s).id, JsonBodies.parseObject(body));
        return Response.status(answer.status()).entity(answer.body()).build();
    }

    @POST
    @Path("/events:batch")
    public Map<String, List<Object>> batch(@PathParam("schoolId") String s, byte[] body) {
        return Map.of("results", batch.ingest(schools.require(s).id, JsonBodies.parseObject(body)));
    }

    @GET
    @Path("/events/{eventId}")
    public Map<String, Object> get(@PathParam("schoolId") String s, @PathParam("eventId") String eventId) {
        return queries.event(schools.require(s).id, eventId);
    }

    @GET
    @Path("/runs")
    public Map<String, Object> runs(@PathParam("schoolId") String s, @jakarta.ws.rs.QueryParam("automationId") String automationId,
                                    @jakarta.ws.rs.QueryParam("userId") String userId,
                                    @jakarta.ws.rs.QueryParam("eventId") String eventId,
                                    @jakarta.ws.rs.QueryParam("limit") String limit) {
        return Map.of("items", queries.runs(schools.require(s).id, automationId, userId, eventId, limit));
    }

    @POST
    @Path("/emails/{emailId: [^/:]+}:retry")
    public Response retryEmail(@PathParam("schoolId") String s, @PathParam("emailId") String emailId) {
        retries.retry(schools.require(s).id, emailId);
        return Response.accepted(queries.email(s, emailId)).build();
    }

    @GET
    @Path("/emails")
    public Map<String, Object> emails(@PathParam("schoolId") String s, @jakarta.ws.rs.QueryParam("userId") String userId,
                                      @jakarta.ws.rs.QueryParam("automationId") String automationId,
                                      @jakarta.ws.rs.QueryParam("limit") String limit) {
        return Map.of("items", queries.emails(schools.require(s).id, userId, automationId, limit));
    }
}
