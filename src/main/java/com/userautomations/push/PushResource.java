package com.userautomations.push;

import com.userautomations.common.RequestSchool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Web push: the service's VAPID public key, and users' browser subscriptions. */
@Tag(name = "Web push")
@Path("/api/v1/schools/{schoolId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PushResource {
    private final RequestSchool school;
    private final PushSubscriptionService subscriptions;
    private final VapidKeyStore keys;

    public PushResource(RequestSchool school, PushSubscriptionService subscriptions, VapidKeyStore keys) {
        this.school = school;
        this.subscriptions = subscriptions;
        this.keys = keys;
    }

    @Operation(operationId = "getVapidPublicKey", summary = "The VAPID public key browsers subscribe with (applicationServerKey)")
    @APIResponse(responseCode = "200", description = "the key", content = @Content(mediaType = "application/json", schema = @Schema(implementation = VapidPublicKeyView.class)))
    @GET
    @Path("/push/vapid-public-key")
    public VapidPublicKeyView vapidPublicKey(@PathParam("schoolId") String s) {
        return new VapidPublicKeyView(keys.keys().publicKeyBase64Url());
    }

    @Operation(operationId = "putPushSubscription", summary = "Create or replace a user's push subscription (PushSubscription.toJSON())")
    @APIResponse(responseCode = "200", description = "replaced", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PushSubscriptionView.class)))
    @APIResponse(responseCode = "201", description = "created", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PushSubscriptionView.class)))
    @PUT
    @Path("/users/{userId}/push-subscriptions/{subscriptionId}")
    public Response put(@PathParam("schoolId") String s, @PathParam("userId") String userId,
            @PathParam("subscriptionId") String id,
            @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = PushSchemas.SubscriptionRequest.class), examples = @ExampleObject(name = "example", value = "{\"endpoint\": \"https://push.example.net/send/abc\", \"expirationTime\": null, \"keys\": {\"p256dh\": \"BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4\", \"auth\": \"BTBZMqHH6r4Tts7J_aSIgg\"}}")))
            byte[] body) {
        PushSubscriptionService.Saved saved = subscriptions.put(school.id(), userId, id, body);
        return Response.status(saved.created() ? 201 : 200).entity(saved.subscription()).build();
    }

    @Operation(operationId = "listPushSubscriptions", summary = "A user's push subscriptions (never their keys)")
    @APIResponse(responseCode = "200", description = "the subscriptions, oldest first", content = @Content(mediaType = "application/json", schema = @Schema(implementation = PushSubscriptionList.class)))
    @GET
    @Path("/users/{userId}/push-subscriptions")
    public PushSubscriptionList list(@PathParam("schoolId") String s, @PathParam("userId") String userId) {
        return subscriptions.list(school.id(), userId);
    }

    @Operation(operationId = "deletePushSubscription", summary = "Delete a user's push subscription")
    @APIResponse(responseCode = "204", description = "deleted")
    @DELETE
    @Path("/users/{userId}/push-subscriptions/{subscriptionId}")
    public Response delete(@PathParam("schoolId") String s, @PathParam("userId") String userId,
            @PathParam("subscriptionId") String id) {
        subscriptions.delete(school.id(), userId, id);
        return Response.noContent().build();
    }
}
