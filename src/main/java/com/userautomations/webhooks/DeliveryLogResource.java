package com.userautomations.webhooks;

import com.userautomations.common.RequestSchool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;


@Tag(name = "Webhooks")
@Path("/api/v1/schools/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class DeliveryLogResource {
    private final RequestSchool school;
    private final DeliveryReplays deliveries;

    public DeliveryLogResource(RequestSchool school, DeliveryReplays deliveries) {
        this.school = school;
        this.deliveries = deliveries;
    }

    @Schema(name = "WebhookPing")
    public record PingView(String deliveryId) {
    }

    @Operation(operationId = "retryWebhookDelivery", summary = "Send a delivered or failed delivery again, same webhook-id")
    @APIResponse(responseCode = "202", description = "queued again",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = DeliveryView.class)))
    @POST
    @Path("/webhook-deliveries/{deliveryId: [^/:]+}:retry")
    public Response retry(@PathParam("schoolId") String s, @PathParam("deliveryId") String deliveryId) {
        return Response.accepted(deliveries.retry(school.id(), deliveryId)).build();
    }

    @Operation(operationId = "pingWebhook", summary = "Send a webhook.ping to the endpoint (even if it is disabled)")
    @APIResponse(responseCode = "202", description = "the ping is queued",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PingView.class)))
    @POST
    @Path("/webhooks/{id: [^/:]+}:ping")
    public Response ping(@PathParam("schoolId") String s, @PathParam("id") String id) {
        return Response.accepted(new PingView(deliveries.ping(school.id(), id))).build();
    }
}
