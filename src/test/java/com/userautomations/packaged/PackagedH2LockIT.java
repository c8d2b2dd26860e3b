package com.userautomations.packaged;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;

/**
 * The packaged default build on its embedded H2: a user's row locked by another connection
 * makes an event for that user a 503 with Retry-After within seconds (the lock timeout the
 * service sets on its connections), storing nothing. The only change to the default
 * configuration is AUTO_SERVER=TRUE on the H2 URL, so that this test can open the same file.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = PackagedH2LockIT.SharedH2.class, restrictToAnnotatedClass = true)
class PackagedH2LockIT {

    public static class SharedH2 implements QuarkusTestResourceLifecycleManager {
        static final Path DIR = Path.of("target", "it-data-lock").toAbsolutePath();
        static final String URL = "jdbc:h2:file:" + DIR + "/automations;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0;AUTO_SERVER=TRUE";

        @Override
        public Map<String, String> start() {
            try {
                if (Files.exists(DIR)) {
                    try (var files = Files.walk(DIR)) {
                        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
                Files.createDirectories(DIR);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return Map.of("automations.data-dir", DIR.toString(), "quarkus.datasource.jdbc.url", URL);
        }

        @Override
        public void stop() {
        }
    }

    @Test
    void aLockedUserRowAnswers503WithinSecondsOnTheEmbeddedDatabase() throws Exception {
        String operator = Files.readString(SharedH2.DIR.resolve("operator-token")).trim();
        String key = RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + operator)
                .body(Map.of("id", "acme", "name", "Acme", "adminEmails", List.of("o@acme.test")))
                .post("/api/v1/schools").then().statusCode(201).extract().path("apiKey");
        school(key).body(Map.of("email", "u1@acme.test")).put("/api/v1/schools/acme/users/u1").then().statusCode(201);
        String event = "{\"id\": \"e1\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"go\"]}";

        try (Connection holder = DriverManager.getConnection(SharedH2.URL, "sa", "")) {
            holder.setAutoCommit(false);
            try (PreparedStatement ps = holder.prepareStatement("SELECT id FROM users WHERE school_id = 'acme' AND id = 'u1' FOR UPDATE")) {
                assertThat(ps.executeQuery().next()).isTrue();
            }
            long start = System.nanoTime();
            Response r = school(key).body(event).post("/api/v1/schools/acme/events");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
            assertThat(r.statusCode()).as(r.asString()).isEqualTo(503);
            assertThat(r.header("Retry-After")).matches("[1-9][0-9]*");
            holder.rollback();
        }
        school(key).get("/api/v1/schools/acme/events/e1").then().statusCode(404);
        school(key).body(event).post("/api/v1/schools/acme/events").then().statusCode(202);
        school(key).get("/api/v1/schools/acme/users/u1").then().statusCode(200).body("tags", contains("go"));
    }

    private static RequestSpecification school(String key) {
        return RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key);
    }
}
