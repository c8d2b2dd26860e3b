package com.userautomations.automation;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.userautomations.common.RequestSchool;
import jakarta.ws.rs.Consumes;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;


@Tag(name = "Automations")
@Path("/api/v1/schools/{schoolId}/automations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AutomationResource {
    private final RequestSchool school;
    private final AutomationService automations;

    public AutomationResource(RequestSchool school, AutomationService automations) {
        this.school = school;
        this.automations = automations;
    }

    @Operation(operationId = "createAutomation", summary = "Create an automation (version 1); live when this answers")
    @APIResponse(responseCode = "201", description = "created and live", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AutomationView.class)))
    @POST
    public Response create(@PathParam("schoolId") String s, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = AutomationSchemas.AutomationRequest.class), examples = {
            @ExampleObject(name = "example", value = "{\"name\": \"Welcome B2B\", \"triggers\": [{\"type\": \"user.signed_up\"}], \"conditions\": {\"all\": [{\"type\": \"email_domain\", \"domains\": [\"corp.test\"]}]}, \"actions\": [{\"type\": \"add_tags\", \"tags\": [\"b2b\"]}, {\"type\": \"send_email\", \"to\": \"user\", \"subject\": \"Welcome {user.firstName}\", \"body\": \"Hello\"}], \"reentry\": \"every_time\"}"),
            @ExampleObject(name = "dmn-decision", description = "A DMN decision of rules-dmn/ as a condition (decision equals a string, number or boolean) and as the source of a tag (add_tag_from_decision, optional prefix). The model and decision must be loaded for the school when the automation is saved.",
                    value = "{\"name\": \"Segment new learners\", \"triggers\": [{\"type\": \"user.signed_up\"}], \"conditions\": {\"not\": {\"type\": \"decision\", \"model\": \"learner-segments\", \"decision\": \"Segment\", \"equals\": \"segment:partner\"}}, \"actions\": [{\"type\": \"add_tag_from_decision\", \"model\": \"learner-segments\", \"decision\": \"Segment\"}]}")}))
            byte[] body) {
        return Response.status(201).entity(automations.create(school.id(), body)).build();
    }

    @Operation(operationId = "listAutomations", summary = "List automations")
    @APIResponse(responseCode = "200", description = "every automation of the school", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AutomationList.class)))
    @GET
    public AutomationList list(@PathParam("schoolId") String s, @QueryParam("limit") String limit,
                              @QueryParam("cursor") String cursor) {
        return automations.list(school.id(), limit, cursor);
    }

    @Operation(operationId = "getAutomation", summary = "Read an automation")
    @APIResponse(responseCode = "200", description = "the automation", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AutomationView.class)))
    @GET
    @Path("/{id}")
    public AutomationView get(@PathParam("schoolId") String s, @PathParam("id") String id) {
        return automations.find(school.id(), id).orElseThrow(AutomationService::unknown);
    }

    @Operation(operationId = "replaceAutomation", summary = "Replace an automation; bumps its version")
    @APIResponse(responseCode = "200", description = "replaced and live", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AutomationView.class)))
    @PUT
    @Path("/{id}")
    public AutomationView replace(@PathParam("schoolId") String s, @PathParam("id") String id,
            @Parameter(description = "what becomes of the old versions' waiting runs: keep (finish on their version) or cancel (skipped)",
                    schema = @Schema(enumeration = {"keep", "cancel"}, defaultValue = "keep"))
            @QueryParam("waitingRuns") String waitingRuns, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = AutomationSchemas.AutomationRequest.class), examples = @ExampleObject(name = "example", value = "{\"name\": \"Welcome B2B\", \"triggers\": [{\"type\": \"user.signed_up\"}], \"actions\": [{\"type\": \"add_tags\", \"tags\": [\"b2b\"]}]}")))
            byte[] body) {
        return automations.replace(school.id(), id, body, AutomationService.WaitingRuns.of(waitingRuns));
    }

    @Operation(operationId = "setAutomationStatus", summary = "Pause or resume an automation")
    @APIResponse(responseCode = "200", description = "the automation with its new status", content = @Content(mediaType = "application/json", schema = @Schema(implementation = AutomationView.class)))
    @PATCH
    @Path("/{id}")
    public AutomationView patch(@PathParam("schoolId") String s, @PathParam("id") String id, @RequestBody(required = true, content = @Content(mediaType = "application/json", schema = @Schema(implementation = AutomationSchemas.StatusRequest.class), examples = @ExampleObject(name = "example", value = "{\"status\": \"paused\"}")))
            byte[] body) {
        return automations.setStatus(school.id(), id, body);
    }

    @Operation(operationId = "deleteAutomation", summary = "Delete an automation; its waiting runs are skipped")
    @APIResponse(responseCode = "204", description = "deleted")
    @DELETE
    @Path("/{id}")
    public Response delete(@PathParam("schoolId") String s, @PathParam("id") String id) {
        automations.delete(school.id(), id);
        return Response.noContent().build();
    }
}
