package com.userautomations.directory;

import com.userautomations.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** What the service answers can be sent back: the answer of a save equals what a read gives. */
@QuarkusTest
class ReadBackTest {

    @Test
    void anAutomationsSaveAnswerIsWhatIsStoredAndGoesBackInAPut() {
        Api.SchoolKey s = Api.newSchool("rb");
        Map<String, Object> created = s.req().body(Map.of("name", "Tag", "triggers", List.of(Map.of("type", "user.signed_up")),
                        "actions", List.of(Map.of("type", "add_tags", "tags", List.of("x")))))
                .post(s.path("/automations")).then().statusCode(201).extract().jsonPath().getMap("");
        String id = (String) created.get("id");
        JsonPath read = s.req().get(s.path("/automations/" + id)).then().statusCode(200).extract().jsonPath();
        assertThat(read.getString("createdAt")).isEqualTo(created.get("createdAt"));
        assertThat(read.getString("updatedAt")).isEqualTo(created.get("updatedAt"));
        Map<String, Object> replaced = s.req().body(created).put(s.path("/automations/" + id))
                .then().statusCode(200).body("version", equalTo(2)).extract().jsonPath().getMap("");
        s.req().get(s.path("/automations/" + id)).then().statusCode(200)
                .body("updatedAt", equalTo(replaced.get("updatedAt")));
    }

    @Test
    void aSchoolsCreatedAtIsWhatIsStored() {
        String id = "rb-" + System.nanoTime();
        String createdAt = Api.operator().body(Map.of("id", id, "name", "Read back")).post("/api/v1/schools")
                .then().statusCode(201).extract().path("createdAt");
        Api.operator().get("/api/v1/schools/" + id).then().statusCode(200).body("createdAt", equalTo(createdAt));
    }

    @Test
    void aUserReadWithGetGoesBackInAPutAndItsEnrollmentsAndSpacesAreReadOnly() {
        Api.SchoolKey s = Api.newSchool("rb");
        s.req().body(Map.of("title", "Intro", "paid", false)).put(s.path("/courses/intro")).then().statusCode(201);
        s.req().body(Map.of("name", "Alumni", "private", false)).put(s.path("/spaces/alumni")).then().statusCode(201);
        s.req().body(Map.of("name", "Join", "triggers", List.of(Map.of("type", "user.enrolled")),
                        "actions", List.of(Map.of("type", "add_to_space", "spaceIds", List.of("alumni")))))
                .post(s.path("/automations")).then().statusCode(201);
        s.req().body(Map.of("email", "ann@corp.test")).put(s.path("/users/u1")).then().statusCode(201);
        s.req().body(Map.of("id", "e1", "type", "user.enrolled", "userId", "u1", "courseId", "intro"))
                .post(s.path("/events")).then().statusCode(202);
        Map<String, Object> user = s.req().get(s.path("/users/u1")).then().statusCode(200)
                .body("enrollments", hasSize(1)).body("spaces", contains("alumni")).extract().jsonPath().getMap("");

        Map<String, Object> edited = new java.util.LinkedHashMap<>(user);
        edited.put("firstName", "Ann");
        s.req().body(edited).put(s.path("/users/u1")).then().statusCode(200)
                .body("firstName", equalTo("Ann")).body("spaces", contains("alumni")).body("enrollments", hasSize(1));

        edited.put("spaces", List.of());
        s.req().body(edited).put(s.path("/users/u1")).then().statusCode(422)
                .body("errors.field", contains("spaces"));
        edited.put("spaces", user.get("spaces"));
        edited.put("enrollments", List.of(Map.of("courseId", "intro", "status", "completed",
                "enrolledAt", "2026-01-01T00:00:00Z")));
        s.req().body(edited).put(s.path("/users/u1")).then().statusCode(422)
                .body("errors.field", contains("enrollments"));
        s.req().body(Map.of("spaces", List.of("alumni"))).put(s.path("/users/new")).then().statusCode(422)
                .body("errors.field", contains("spaces"));
    }
}
