package com.userautomations.common;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/** Headers every answer carries, the metrics' access and the limits on request heads. */
@QuarkusTest
class EdgeHeadersTest {
    private static final String OPERATOR = "Bearer test-operator-token";

    @Test
    void everyAnswerIsNosniff() {
        nosniff(RestAssured.get("/q/health/live"), 200);
        nosniff(RestAssured.get("/no/such/path"), 404);
        nosniff(RestAssured.get("/api/v1/schools/acme"), 401);
        nosniff(given().header("Authorization", OPERATOR).contentType(ContentType.JSON).body("{\"id\": \"\"}")
                .post("/api/v1/schools"), 422);
        nosniff(given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body("{\"id\": \"" + "x".repeat((int) JsonBodies.BODY_LIMIT) + "\"}")
                .post("/api/v1/schools"), 413);
    }

    @Test
    void every401AsksForABearerToken() {
        given().get("/api/v1/schools/acme").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer nope").get("/api/v1/schools/acme/users/u1")
                .then().statusCode(401).header("WWW-Authenticate", "Bearer");
    }

    @Test
    void anAnswerWithANewKeyIsNotStored() {
        String id = "edge" + System.nanoTime();
        given().header("Authorization", OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("id", id, "name", "Edge", "adminEmails", java.util.List.of("o@edge.test")))
                .post("/api/v1/schools").then().statusCode(201)
                .body("apiKey", notNullValue()).header("Cache-Control", "no-store");
        given().header("Authorization", OPERATOR).post("/api/v1/schools/" + id + "/api-keys")
                .then().statusCode(201).body("apiKey", notNullValue()).header("Cache-Control", "no-store");
    }

    @Test
    void metricsAnswerOnlyTheOperatorToken() {
        given().get("/q/metrics").then().statusCode(401).contentType(Problem.MEDIA_TYPE)
                .header("WWW-Authenticate", "Bearer").header("X-Content-Type-Options", "nosniff")
                .body("status", equalTo(401)).body(org.hamcrest.Matchers.not(containsString("jvm_")));
        given().header("Authorization", "Bearer wrong").get("/q/metrics").then().statusCode(401);
        given().get("/q/metrics/").then().statusCode(401);
        given().header("Authorization", OPERATOR).get("/q/metrics").then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void outsidersCannotGrowTheMetricsLabels() {
        for (int i = 0; i < 150; i++) {
            RestAssured.get("/q/health/live/x" + i);
            RestAssured.get("/q/metrics/x" + i); // refused before any route: the raw path would be its label
            RestAssured.get("/api/v1/schools/s" + i + "/users/u" + i);
        }
        String metrics = given().header("Authorization", OPERATOR).get("/q/metrics").then().statusCode(200)
                .extract().asString();
        Matcher m = Pattern.compile("http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]*)\"").matcher(metrics);
        Set<String> uris = m.results().map(r -> r.group(1)).collect(Collectors.toSet());
        assertThat(uris).isNotEmpty().hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void oversizedHeadsAreRefused() {
        given().header("X-Big", "x".repeat(20 * 1024)).get("/q/health/live").then().statusCode(431)
                .header("X-Content-Type-Options", "nosniff");
        given().get("/q/health/live?q=" + "x".repeat(5000)).then().statusCode(414)
                .header("X-Content-Type-Options", "nosniff");
    }

    private static void nosniff(Response r, int status) {
        r.then().statusCode(status).header("X-Content-Type-Options", "nosniff");
    }
}
