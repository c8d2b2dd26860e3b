package com.userautomations.automation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.JsonBodies;
import com.userautomations.directory.SchoolService;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;

@Path("/api/v1/schools/{schoolId}/automations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AutomationResource {
    private final SchoolService schools;
    private final AutomationService automations;

    public AutomationResource(SchoolService schools, AutomationService automations) {
        this.schools = schools;
        this.automations = automations;
    }

    @POST
    public Response create(@PathParam("schoolId") String s, byte[] body) {
        return Response.status(201).entity(automations.create(schools.require(s).id, JsonBodies.parseObject(body))).build();
    }

    @GET
    public Map<String, List<ObjectNode>> list(@PathParam("schoolId") String s) {
        return Map.of("items", automations.list(schools.require(s).id));
    }

    @GET
    @Path("/{id}")
    public ObjectNode get(@PathParam("schoolId") String s, @PathParam("id") String id) {
        return automations.find(schools.require(s).id, id).orElseThrow(AutomationService::unknown);
    }

    @PUT
    @Path("/{id}")
    public ObjectNode replace(@PathParam("schoolId") String s, @PathParam("id") String id, byte[] body) {
        return automations.replace(schools.require(s).id, id, JsonBodies.parseObject(body));
    }

    @PATCH
    @Path("/{id}")
    public ObjectNode patch(@PathParam("schoolId") String s, @PathParam("id") String id, byte[] body) {
        return automations.setStatus(schools.require(s).id, id, JsonBodies.parseObject(body));
    }

    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("schoolId") String s, @PathParam("id") String id) {
        automations.delete(schools.require(s).id, id);
        return Response.noContent().build();
    }
}
