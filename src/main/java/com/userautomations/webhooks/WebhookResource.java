package com.userautomations.webhooks;

import com.userautomations.common.Page;
import com.userautomations.common.RequestSchool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Tag(name = "Webhooks")
@Path("/api/v1/schools/{schoolId}/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class WebhookResource {
    private final RequestSchool school;
    private final WebhookService webhooks;
    private final WebhookDeliveries deliveries;

    public WebhookResource(RequestSchool school, WebhookService webhooks, WebhookDeliveries deliveries) {
        this.school = school;
        this.webhooks = webhooks;
        this.deliveries = deliveries;
    }

    @Operation(operationId = "createWebhook", summary = "Add an endpoint; answers its signing secret, shown once")
    @APIResponse(responseCode = "201", description = "created, with its secret",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewWebhookView.class)))
    @POST
    public Response create(@PathParam("schoolId") String s, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookSchemas.WebhookRequest.class), examples = @ExampleObject(name = "example", value = "{\"url\": \"https://platform.example.com/hooks/automations\", \"events\": [\"user.enrolled\", \"tags.added\"], \"description\": \"LMS sync\"}")))
            byte[] body) {
        return Response.status(201).entity(webhooks.create(school.id(), body)).build();
    }

    @Operation(operationId = "listWebhooks", summary = "List the school's endpoints (never their secrets)")
    @APIResponse(responseCode = "200", description = "the endpoints, by id",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookSchemas.WebhookList.class)))
    @GET
    public Page<WebhookView> list(@PathParam("schoolId") String s, @QueryParam("limit") String limit,
                                  @QueryParam("cursor") String cursor) {
        return webhooks.list(school.id(), limit, cursor);
    }

    @Operation(operationId = "getWebhook", summary = "Read an endpoint (never its secret)")
    @APIResponse(responseCode = "200", description = "the endpoint",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookView.class)))
    @GET
    @Path("/{id}")
    public WebhookView get(@PathParam("schoolId") String s, @PathParam("id") String id) {
        return webhooks.get(school.id(), id);
    }

    @Operation(operationId = "updateWebhook", summary = "Change an endpoint's URL, events, description or status")
    @APIResponse(responseCode = "200", description = "the endpoint as changed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookView.class)))
    @PATCH
    @Path("/{id}")
    public WebhookView patch(@PathParam("schoolId") String s, @PathParam("id") String id, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookSchemas.WebhookPatch.class), examples = @ExampleObject(name = "example", value = "{\"status\": \"enabled\"}")))
            byte[] body) {
        return webhooks.patch(school.id(), id, body);
    }

    @Operation(operationId = "deleteWebhook", summary = "Delete an endpoint")
    @APIResponse(responseCode = "204", description = "deleted")
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("schoolId") String s, @PathParam("id") String id) {
        webhooks.delete(school.id(), id);
        return Response.noContent().build();
    }

    @Operation(operationId = "rotateWebhookSecret", summary = "Issue a new signing secret; the old one signs on for 24 h")
    @APIResponse(responseCode = "200", description = "the new secret, shown once",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RotatedSecretView.class)))
    @POST
    @Path("/{id: [^/:]+}:rotate-secret")
    public RotatedSecretView rotateSecret(@PathParam("schoolId") String s, @PathParam("id") String id) {
        return webhooks.rotateSecret(school.id(), id);
    }

    @Operation(operationId = "listWebhookDeliveries", summary = "An endpoint's deliveries, newest first, by status")
    @APIResponse(responseCode = "200", description = "deliveries, newest first",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookSchemas.DeliveryList.class)))
    @GET
    @Path("/{id}/deliveries")
    public Page<DeliveryView> deliveries(@PathParam("schoolId") String s, @PathParam("id") String id,
                                         @QueryParam("status") String status, @QueryParam("limit") String limit,
                                         @QueryParam("cursor") String cursor) {
        return deliveries.list(school.id(), id, status, limit, cursor);
    }
}
