package com.userautomations.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
class OperationsTest {

    @Test
    void healthMetricsAndOpenApiAreServed() {
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/metrics").then().statusCode(401);
        RestAssured.given().header("Authorization", "Bearer test-operator-token").get("/q/metrics")
                .then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        RestAssured.given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body(containsString("/api/v1/schools/{schoolId}/events"))
                .body(containsString("/api/v1/schools/{schoolId}/automations/{id}/drl"))
                .body(containsString("/api/v1/rules/{path}"));
    }
}
