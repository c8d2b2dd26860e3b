package com.userautomations.preview;

import com.userautomations.common.RequestSchool;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST .../automations/{id}:preview}: the automation's impact now; nothing changes. */
@Tag(name = "Automations")
@Path("/api/v1/schools/{schoolId}/automations/{id: [^/:]+}:preview")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class PreviewResource {
    private final RequestSchool school;
    private final ImpactPreview preview;

    public PreviewResource(RequestSchool school, ImpactPreview preview) {
        this.school = school;
        this.preview = preview;
    }

    @Operation(operationId = "previewAutomation",
            summary = "Count the users meeting an automation's conditions now, and its waiting runs")
    @APIResponse(responseCode = "200", description = "the counts; nothing is stored or changed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Preview.class)))
    @POST
    public Preview preview(@PathParam("schoolId") String s, @PathParam("id") String id) {
        return preview.of(school.id(), id);
    }
}
