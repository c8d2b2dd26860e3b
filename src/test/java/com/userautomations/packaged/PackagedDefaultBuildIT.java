package com.userautomations.packaged;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * The packaged default build, started as an operator would with nothing configured: the
 * embedded database under the data dir, a generated operator token, emails recorded not sent.
 */
@QuarkusIntegrationTest
@QuarkusTestResource(value = EmbeddedDataDir.class, restrictToAnnotatedClass = true)
class PackagedDefaultBuildIT {

    @Test
    void theDataFolderIsTheOwnersOnly() throws Exception {
        RestAssured.get("/q/health/ready").then().statusCode(200);
        assertThat(Files.getPosixFilePermissions(EmbeddedDataDir.DIR)).isEqualTo(PosixFilePermissions.fromString("rwx------"));
        for (String file : java.util.List.of("automations.mv.db", "operator-token")) {
            assertThat(Files.getPosixFilePermissions(EmbeddedDataDir.DIR.resolve(file))).as(file)
                    .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        }
        try (var files = Files.list(EmbeddedDataDir.DIR)) {
            assertThat(files).allSatisfy(f -> assertThat(Files.getPosixFilePermissions(f)).as(f.toString())
                    .doesNotContain(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ,
                            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE));
        }
    }

    @Test
    void runsOnTheEmbeddedDatabaseWithNothingConfigured() throws Exception {
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        assertThat(Files.list(EmbeddedDataDir.DIR).map(p -> p.getFileName().toString()))
                .contains("operator-token", "automations.mv.db");
        String operator = Files.readString(EmbeddedDataDir.DIR.resolve("operator-token")).trim();

        String key = RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + operator)
                .body(Map.of("id", "acme", "name", "Acme", "adminEmails", java.util.List.of("o@acme.test")))
                .post("/api/v1/schools").then().statusCode(201).extract().path("apiKey");
        var school = RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key);
        school.body("""
                {"name": "Welcome", "triggers": [{"type": "user.signed_up"}],
                 "actions": [{"type": "add_tags", "tags": ["new"]},
                             {"type": "send_email", "to": "user", "subject": "Hi {user.firstName}", "body": "Welcome"}]}""")
                .post("/api/v1/schools/acme/automations").then().statusCode(201);
        RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + key)
                .body("""
                        {"id": "e1", "type": "user.signed_up", "userId": "u1", "user": {"email": "a@b.test", "firstName": "A"}}""")
                .post("/api/v1/schools/acme/events").then().statusCode(202).body("runs", hasSize(1));
        RestAssured.given().header("Authorization", "Bearer " + key).get("/api/v1/schools/acme/users/u1")
                .then().statusCode(200).body("tags", contains("new"));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                RestAssured.given().header("Authorization", "Bearer " + key).get("/api/v1/schools/acme/emails")
                        .then().statusCode(200).body("items[0].subject", equalTo("Hi A"))
                        .body("items[0].status", equalTo("sent")));
    }
}
