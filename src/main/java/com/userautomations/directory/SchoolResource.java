package com.userautomations.directory;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.userautomations.common.ApiException;
import com.userautomations.common.Page;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Tag(name = "Schools")
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

    @Operation(operationId = "createSchool", summary = "Create a school (operator); answers its first API key, shown once")
    @APIResponse(responseCode = "201", description = "created, with its first API key",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SchoolView.class)))
    @POST
    public Response create(@RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = DirectorySchemas.SchoolRequest.class), examples = @ExampleObject(name = "example", value = "{\"id\": \"acme\", \"name\": \"Acme Academy\", \"timezone\": \"Europe/Athens\", \"adminEmails\": [\"owner@acme.test\"], \"fromEmail\": \"school@acme.test\"}")))
            byte[] body) {
        return Response.status(201).entity(schools.create(body)).build();
    }

    @Operation(operationId = "getSchool", summary = "Read a school (operator or its key)")
    @APIResponse(responseCode = "200", description = "the school",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SchoolView.class)))
    @GET
    @Path("/{schoolId}")
    public SchoolView get(@PathParam("schoolId") String schoolId) {
        return schools.find(schoolId).orElseThrow(() -> ApiException.notFound("No such school"));
    }

    @Operation(operationId = "patchSchool", summary = "Change a school's settings (operator or its key): a JSON merge patch; null switches a send window or frequency cap off")
    @APIResponse(responseCode = "200", description = "the school",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SchoolView.class)))
    @PATCH
    @Path("/{schoolId}")
    public SchoolView patch(@PathParam("schoolId") String schoolId, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = DirectorySchemas.SchoolPatchRequest.class), examples = @ExampleObject(name = "example", value = "{\"sendWindow\": {\"start\": \"09:00\", \"end\": \"17:00\", \"days\": [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"]}, \"frequencyCap\": {\"max\": 2, \"per\": \"P1D\"}}")))
            byte[] body) {
        return schools.patch(schoolId, body);
    }

    @Operation(operationId = "createApiKey", summary = "Issue another API key for the school (operator), shown once")
    @APIResponse(responseCode = "201", description = "the new key, shown once",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ApiKeyService.IssuedKey.class)))
    @POST
    @Path("/{schoolId}/api-keys")
    public Response createKey(@PathParam("schoolId") String schoolId) {
        return Response.status(201).entity(keys.issue(schoolId)).build();
    }

    @Operation(operationId = "listApiKeys", summary = "List the school's API keys (operator): ids, when created and last used; never the keys")
    @APIResponse(responseCode = "200", description = "the keys, oldest first",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DirectorySchemas.ApiKeyList.class)))
    @GET
    @Path("/{schoolId}/api-keys")
    public Page<ApiKeyService.KeyView> listKeys(@PathParam("schoolId") String schoolId,
                                                @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return keys.list(schoolId, limit, cursor); // the access filter resolved the school (404 if unknown)
    }

    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key (operator); it stops working at once")
    @APIResponse(responseCode = "204", description = "revoked")
    @DELETE
    @Path("/{schoolId}/api-keys/{keyId}")
    public Response deleteKey(@PathParam("schoolId") String schoolId, @PathParam("keyId") String keyId) {
        keys.revoke(schoolId, keyId);
        return Response.noContent().build();
    }
}
