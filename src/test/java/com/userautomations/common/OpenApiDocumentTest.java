package com.userautomations.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

/**
 * /q/openapi is a document a client can be generated from (the build generates and compiles one,
 * pom.xml): it validates, names every body and answer, and says the statuses the service answers.
 */
@QuarkusTest
class OpenApiDocumentTest {
    /** Free-form maps: their keys are the school's. */
    private static final Set<String> FREE_FORM = Set.of("fields");

    private static OpenAPI api;
    private static List<String> messages;

    @BeforeEach
    void read() {
        if (api != null) {
            return;
        }
        String json = RestAssured.given().queryParam("format", "json").get("/q/openapi")
                .then().statusCode(200).extract().asString();
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(json, null, options);
        api = result.getOpenAPI();
        messages = result.getMessages();
    }

    @Test
    void theDocumentValidates() {
        assertThat(messages).isEmpty();
        assertThat(api.getOpenapi()).startsWith("3.");
    }

    private static Map<String, Operation> operations() {
        Map<String, Operation> ops = new TreeMap<>();
        api.getPaths().forEach((path, item) -> {
            if (path.startsWith("/api/")) {
                item.readOperationsMap().forEach((method, op) -> ops.put(method + " " + path, op));
            }
        });
        return ops;
    }

    @Test
    void operationIdsAreStable() {
        Map<String, String> ids = new TreeMap<>();
        operations().forEach((name, op) -> ids.put(op.getOperationId(), name));
        assertThat(ids).doesNotContainKey(null);
        assertThat(ids.keySet()).containsExactlyInAnyOrder(
                "createSchool", "getSchool", "patchSchool", "createApiKey", "listApiKeys", "revokeApiKey",
                "putCourse", "getCourse", "listCourses", "putSpace", "getSpace", "listSpaces",
                "putUser", "getUser", "listUsers",
                "createAutomation", "listAutomations", "getAutomation", "replaceAutomation", "setAutomationStatus",
                "deleteAutomation", "getAutomationDrl",
                "postEvent", "postEventBatch", "getEvent", "listUserEvents", "listRuns", "retryEmail", "listEmails",
                "listRuleFiles", "getRuleFile", "putRuleFile", "deleteRuleFile",
                "createWebhook", "listWebhooks", "getWebhook", "updateWebhook", "deleteWebhook", "rotateWebhookSecret",
                "listWebhookDeliveries", "retryWebhookDelivery", "pingWebhook",
                "getVapidPublicKey", "putPushSubscription", "listPushSubscriptions", "deletePushSubscription", "listPushes",
                "listAutomationVersions", "restoreAutomationVersion", "getUserTimeline",
                "previewAutomation", "backfillAutomation", "listJobs", "getJob", "cancelJob");
    }

    @Test
    void everyBodyAndEveryAnswerHasASchema() {
        List<String> missing = new ArrayList<>();
        operations().forEach((name, op) -> {
            if (op.getRequestBody() != null && !hasSchemas(op.getRequestBody().getContent())) {
                missing.add(name + " request body");
            }
            op.getResponses().forEach((status, response) -> {
                if (status.startsWith("2") && !status.equals("204") && !hasSchemas(response.getContent())) {
                    missing.add(name + " " + status);
                }
                if (!status.startsWith("2") && !isProblem(response)) {
                    missing.add(name + " " + status + " is not a problem");
                }
            });
        });
        assertThat(missing).isEmpty();
    }

    private static boolean hasSchemas(Content content) {
        return content != null && !content.isEmpty() && content.values().stream().allMatch(m -> m.getSchema() != null);
    }

    private static boolean isProblem(ApiResponse response) {
        MediaType problem = response.getContent() == null ? null : response.getContent().get(Problem.MEDIA_TYPE);
        return problem != null && problem.getSchema() != null
                && "#/components/schemas/Problem".equals(problem.getSchema().get$ref());
    }

    @Test
    void statusesAreTheOnesServed() {
        Map<String, Set<String>> expected = new LinkedHashMap<>();
        expected.put("createSchool", Set.of("201"));
        expected.put("createApiKey", Set.of("201"));
        expected.put("revokeApiKey", Set.of("204"));
        expected.put("putCourse", Set.of("200", "201"));
        expected.put("putSpace", Set.of("200", "201"));
        expected.put("putUser", Set.of("200", "201"));
        expected.put("createAutomation", Set.of("201"));
        expected.put("deleteAutomation", Set.of("204"));
        expected.put("postEvent", Set.of("200", "202"));
        expected.put("retryEmail", Set.of("202"));
        expected.put("putRuleFile", Set.of("200", "201"));
        expected.put("deleteRuleFile", Set.of("204"));
        expected.put("createWebhook", Set.of("201"));
        expected.put("deleteWebhook", Set.of("204"));
        expected.put("retryWebhookDelivery", Set.of("202"));
        expected.put("pingWebhook", Set.of("202"));
        expected.put("putPushSubscription", Set.of("200", "201"));
        expected.put("deletePushSubscription", Set.of("204"));
        expected.put("backfillAutomation", Set.of("202"));
        expected.put("cancelJob", Set.of("202"));
        Map<String, Set<String>> actual = new LinkedHashMap<>();
        operations().values().forEach(op -> actual.put(op.getOperationId(), successes(op)));
        expected.forEach((id, statuses) -> assertThat(actual.get(id)).as(id).isEqualTo(statuses));
        actual.forEach((id, statuses) -> {
            if (!expected.containsKey(id)) {
                assertThat(statuses).as(id).isEqualTo(Set.of("200"));
            }
        });
        assertThat(operations().get("POST /api/v1/schools/{schoolId}/events").getResponses())
                .containsKeys("401", "404", "409", "413", "422", "429", "503");
    }

    private static Set<String> successes(Operation op) {
        Set<String> out = new TreeSet<>();
        op.getResponses().keySet().stream().filter(s -> s.startsWith("2")).forEach(out::add);
        return out;
    }

    @Test
    void noSchemaIsABareObjectAndNoneIsNamedAfterAJavaType() {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        assertThat(schemas.keySet()).allSatisfy(name -> assertThat(name)
                .doesNotContain("View", "Node", "Map", "Items", "Schemas", "Saved", "IssuedKey", "$", "_")
                .matches("[A-Z][A-Za-z]+"));
        List<String> bare = new ArrayList<>();
        Map<Schema<?>, Boolean> seen = new IdentityHashMap<>();
        schemas.forEach((name, schema) -> walk(name, schema, bare, seen));
        operations().forEach((name, op) -> {
            if (op.getRequestBody() != null) {
                op.getRequestBody().getContent().forEach((type, m) -> walk(name + " body", m.getSchema(), bare, seen));
            }
            op.getResponses().forEach((status, r) -> {
                if (r.getContent() != null) {
                    r.getContent().forEach((type, m) -> walk(name + " " + status, m.getSchema(), bare, seen));
                }
            });
        });
        assertThat(bare).isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static void walk(String where, Schema<?> schema, List<String> bare, Map<Schema<?>, Boolean> seen) {
        if (schema == null) {
            return;
        }
        String last = where.substring(where.lastIndexOf('.') + 1);
        if ("#/components/schemas/FreeForm".equals(schema.get$ref()) && !FREE_FORM.contains(last)) {
            bare.add(where + " (a free-form map)");
        }
        if (schema.get$ref() != null || seen.put(schema, true) != null) {
            return;
        }
        boolean object = "object".equals(schema.getType()) || (schema.getTypes() != null && schema.getTypes().contains("object"));
        boolean described = (schema.getProperties() != null && !schema.getProperties().isEmpty())
                || schema.getOneOf() != null || schema.getAllOf() != null || schema.getAnyOf() != null;
        if (object && !described && !FREE_FORM.contains(last) && !where.equals("FreeForm")) {
            bare.add(where);
        }
        if (schema.getProperties() != null) {
            schema.getProperties().forEach((k, v) -> walk(where + "." + k, v, bare, seen));
        }
        if (schema.getItems() != null) {
            walk(where + "[]", schema.getItems(), bare, seen);
        }
        if (schema.getAdditionalProperties() instanceof Schema<?> extra) {
            walk(where + "{}", extra, bare, seen);
        }
        for (List<Schema> parts : new List[] {schema.getOneOf(), schema.getAllOf(), schema.getAnyOf()}) {
            if (parts != null) {
                parts.forEach(p -> walk(where, p, bare, seen));
            }
        }
    }

    @Test
    void swaggerUiIsServedWithoutAToken() {
        RestAssured.get("/q/swagger-ui/").then().statusCode(200).body(containsString("swagger"));
    }
}
