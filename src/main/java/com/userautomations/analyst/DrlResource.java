package com.userautomations.analyst;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import com.userautomations.common.RequestSchool;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The DRL an automation compiles to: the form analysts read and write. */
@Tag(name = "Automations")
@Path("/api/v1/schools/{schoolId}/automations/{id}/drl")
public class DrlResource {
    private final RequestSchool school;
    private final AutomationDrl drl;

    public DrlResource(RequestSchool school, AutomationDrl drl) {
        this.school = school;
        this.drl = drl;
    }

    @Operation(operationId = "getAutomationDrl", summary = "The DRL rule(s) this automation compiles to")
    @APIResponse(responseCode = "200", description = "DRL text",
            content = @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String drl(@PathParam("schoolId") String s, @PathParam("id") String id) {
        return drl.of(school.id(), id);
    }
}
