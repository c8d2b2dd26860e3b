package com.userautomations.common;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;

import java.util.Map;
import java.util.Set;

/**
 * The error answers of the API, written once for the document rather than on every operation:
 * every 4xx/5xx is a {@link Problem} ({@code application/problem+json}). Which statuses an
 * operation can answer follows from what the edge does: 401 and 503 everywhere, 429 on a school's
 * paths (the rate limit), 404 where the path names something, 400/413/422 where a body is read,
 * 422 for a bad query parameter, 409 where {@link #CONFLICTS} says. Run at build time, so the
 * stored document (target/openapi) is the one served.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class OpenApiProblems implements OASFilter {
    /**
     * Operations that answer 409: a school id taken, an event id with another body, a retry of an
     * unfailed email or of a webhook delivery still queued or being sent.
     */
    static final Set<String> CONFLICTS = Set.of("createSchool", "postEvent", "retryEmail", "retryWebhookDelivery");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        // Jackson's tree types, scanned from signatures but referenced by no body or answer (the
        // validator would report a dangling reference if one were)
        openAPI.getComponents().removeSchema("JsonNode");
        openAPI.getComponents().removeSchema("JsonNodeType");
        openAPI.getComponents().addSchema("FieldError", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .description("One reason a request was refused, named by the JSON path of the field at fault")
                .addProperty("field", string("JSON path of the field, such as actions[0].subject; \"\" for the body"))
                .addProperty("message", string("what is wrong"))
                .required(java.util.List.of("field", "message")));
        openAPI.getComponents().addSchema("Problem", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .description("RFC 9457 problem details: the body of every 4xx/5xx answer")
                .addProperty("type", string("always about:blank"))
                .addProperty("title", string("the status phrase"))
                .addProperty("status", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.INTEGER)))
                .addProperty("detail", string("what happened"))
                .addProperty("errors", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.ARRAY))
                        .description("the fields at fault (absent when none); a refused rules file lists file, line, column and message")
                        .items(OASFactory.createSchema().ref("FieldError")))
                .required(java.util.List.of("type", "title", "status")));
        // every /api request sends Authorization: Bearer <operator token or school API key>
        openAPI.getComponents().addSecurityScheme("bearer", OASFactory.createSecurityScheme()
                .type(org.eclipse.microprofile.openapi.models.security.SecurityScheme.Type.HTTP).scheme("bearer")
                .description("the operator token, or a school API key (ua_...)"));
        openAPI.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (!path.getKey().startsWith("/api/")) {
                continue;
            }
            boolean schoolPath = path.getKey().startsWith("/api/v1/schools/{");
            for (Operation op : path.getValue().getOperations().values()) {
                problem(op, 401, "no or unknown token or key; or a school key on the operator's paths");
                if (path.getKey().contains("{")) {
                    problem(op, 404, "no such school (or not the key's), or no such item");
                }
                if (op.getRequestBody() != null) {
                    problem(op, 400, "the body is not JSON");
                    problem(op, 413, "the body is over its limit");
                    problem(op, 422, "the body is invalid: every error with its field");
                } else if (op.getParameters() != null
                        && op.getParameters().stream().anyMatch(p -> p.getIn() == Parameter.In.QUERY)) {
                    problem(op, 422, "a query parameter is invalid");
                }
                if (CONFLICTS.contains(op.getOperationId())) {
                    problem(op, 409, "conflicts with what is stored");
                }
                if (schoolPath) {
                    problem(op, 429, "the school's rate limit; Retry-After says when to come back");
                }
                problem(op, 503, "the database is briefly unavailable or busy; retry");
            }
        }
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING)).description(description);
    }

    private static void problem(Operation op, int status, String description) {
        String code = String.valueOf(status);
        // replaces what Quarkus adds on its own (a 400 without a body)
        op.getResponses().addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")))));
    }
}
