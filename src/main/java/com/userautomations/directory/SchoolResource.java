package com.userautomations.directory;

import com.userautomations.common.ApiException;
import com.userautomations.common.JsonBodies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/api/v1/schools")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class SchoolResource {
    private final SchoolService schools;
    private final ApiKeyService keys;

    public SchoolResource(SchoolService schools, ApiKeyService keys) {
        this.schools = schools;
        this.keys = keys;
    }

    @POST
    public Response create(byte[] body) {
        return Response.status(201).entity(schools.create(JsonBodies.parseObject(body))).build();
    }

    @GET
    @Path("/{schoolId}")
    public SchoolView get(@PathParam("schoolId") String schoolId) {
        return schools.find(schoolId).orElseThrow(() -> ApiException.notFound("No such school"));
    }

    @POST
    @Path("/{schoolId}/api-keys")
    public Response createKey(@PathParam("schoolId") String schoolId) {
        schools.require(schoolId);
        return Response.status(201).entity(keys.issue(schoolId)).build();
    }

    @DELETE
    @Path("/{schoolId}/api-keys/{keyId}")
    public Response deleteKey(@PathParam("schoolId") String schoolId, @PathParam("keyId") String keyId) {
        keys.revoke(schoolId, keyId);
        return Response.noContent().build();
    }
}
