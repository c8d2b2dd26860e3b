package com.userautomations.automation;

import com.userautomations.common.RequestSchool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** An automation's saved versions (API.md 1.1): the list, and restoring one as a new version. */
@Tag(name = "Automations")
@Path("/api/v1/schools/{schoolId}/automations/{id}/versions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class AutomationVersionResource {
    private final RequestSchool school;
    private final AutomationService automations;

    public AutomationVersionResource(RequestSchool school, AutomationService automations) {
        this.school = school;
        this.automations = automations;
    }

    @Operation(operationId = "listAutomationVersions", summary = "List an automation's versions (newest first), each with its definition")
    @APIResponse(responseCode = "200", description = "every saved version, newest first",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AutomationVersionList.class)))
    @GET
    public AutomationVersionList list(@PathParam("schoolId") String s, @PathParam("id") String id,
                                      @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return automations.versions(school.id(), id, limit, cursor);
    }

    @Operation(operationId = "restoreAutomationVersion",
            summary = "Save a version's definition again as a new version (validated as a PUT; status unchanged)")
    @APIResponse(responseCode = "200", description = "the automation, with the new version, live",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AutomationView.class)))
    @POST
    @Path("/{version: [^/:]+}:restore")
    public AutomationView restore(@PathParam("schoolId") String s, @PathParam("id") String id,
                                  @PathParam("version") String version,
                                  @Parameter(description = "what becomes of the older versions' waiting runs, as in a PUT",
                                          schema = @Schema(enumeration = {"keep", "cancel"}, defaultValue = "keep"))
                                  @QueryParam("waitingRuns") String waitingRuns) {
        return automations.restore(school.id(), id, version, AutomationService.WaitingRuns.of(waitingRuns));
    }
}
