package com.userautomations.analyst;

import com.userautomations.common.ApiException;
import com.userautomations.common.Cursors;
import com.userautomations.common.JsonBodies;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The analysts' folder over REST (operator only): upload, list, read and delete rules files. */
@Tag(name = "Analysts' rules")
@Path("/api/v1/rules")
@Produces(MediaType.APPLICATION_JSON)
public class RulesResource {
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final LiveAnalystRules folder;
    private final Cursors cursors;

    public RulesResource(LiveAnalystRules folder, Cursors cursors) {
        this.folder = folder;
        this.cursors = cursors;
    }

    @Operation(operationId = "listRuleFiles", summary = "List the live analysts' files (operator)")
    @APIResponse(responseCode = "200", description = "the live files",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RuleFileList.class)))
    @GET
    public RuleFileList list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return RuleFileList.page(folder.list(), cursors, limit, cursor);
    }

    @Operation(operationId = "getRuleFile", summary = "Read one live file's content (operator)")
    @APIResponse(responseCode = "200", description = "the file as uploaded: DRL and CSV as text/plain, DMN as XML, XLSX as a spreadsheet",
            content = {@Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = "application/xml", schema = @Schema(type = SchemaType.STRING)),
                    @Content(mediaType = XLSX, schema = @Schema(type = SchemaType.STRING, format = "binary"))})
    @GET
    @Path("/{path: .+}")
    @Produces(MediaType.WILDCARD)
    public Response get(@PathParam("path") String path) {
        RuleFile file = folder.file(path).orElseThrow(() -> ApiException.notFound("No such rules file"));
        String type = switch (file.kind()) {
            case DRL, CSV_TABLE -> MediaType.TEXT_PLAIN + ";charset=UTF-8";
            case DMN -> MediaType.APPLICATION_XML;
            case XLSX_TABLE -> XLSX;
        };
        return Response.ok(file.content(), type).build();
    }

    @APIResponse(responseCode = "200", description = "replaced",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RuleFileView.class)))
    @APIResponse(responseCode = "201", description = "created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RuleFileView.class)))
    @Operation(operationId = "putRuleFile", summary = "Upload a file (operator): compiled with the whole folder, written and live only if "
            + "everything compiles; 201 new, 200 replaced, 422 with file, line, column and message otherwise")
    @PUT
    @Path("/{path: .+}")
    @Consumes(MediaType.WILDCARD)
    public Response put(@PathParam("path") String path,
            @RequestBody(required = true, content = @Content(mediaType = "text/plain",
                    schema = @Schema(type = SchemaType.STRING, format = "binary"),
                    examples = @ExampleObject(name = "drl", value = "package rules.acme;\n"
                            + "import com.userautomations.engine.EventFact;\n"
                            + "rule \"Tag partners\"\nwhen\n    $e : EventFact(type == \"user.signed_up\", "
                            + "user.emailDomain == \"globex.example\")\nthen\n    $e.addTags(\"partner\");\nend\n")))
            byte[] body) {
        // counted on the bytes read: a chunked upload declares no length to refuse early
        JsonBodies.refuseOverLimit(body == null ? 0 : body.length, JsonBodies.BODY_LIMIT);
        LiveAnalystRules.Uploaded uploaded = folder.upload(path, body == null ? new byte[0] : body);
        return Response.status(uploaded.created() ? 201 : 200).type(MediaType.APPLICATION_JSON)
                .entity(uploaded.file()).build();
    }

    @Operation(operationId = "deleteRuleFile", summary = "Delete a file (operator), if the rest of the folder compiles without it")
    @APIResponse(responseCode = "204", description = "deleted")
    @DELETE
    @Path("/{path: .+}")
    public Response delete(@PathParam("path") String path) {
        if (!folder.delete(path)) {
            throw ApiException.notFound("No such rules file");
        }
        return Response.noContent().build();
    }
}
