package com.userautomations.directory;

import com.userautomations.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

@QuarkusTest
class DirectoryTest {

    @Test
    void schoolIsCreatedOnceAndItsKeyWorks() {
        Api.SchoolKey school = Api.newSchool("dir");
        Api.operator().body(Map.of("id", school.id(), "name", "again")).post("/api/v1/schools")
                .then().statusCode(409).contentType(startsWith("application/problem+json"));
        school.req().get(school.path("")).then().statusCode(200)
                .body("name", equalTo("School " + school.id()))
                .body("adminEmails", hasSize(2))
                .body("apiKey", nullValue());
    }

    @Test
    void coursesSpacesAndUsersAreSyncedAndListed() {
        Api.SchoolKey s = Api.newSchool("dir");
        s.req().body(Map.of("title", "Intro", "paid", true)).put(s.path("/courses/intro")).then().statusCode(201);
        s.req().body(Map.of("title", "Intro 2", "paid", false)).put(s.path("/courses/intro")).then().statusCode(200)
                .body("title", equalTo("Intro 2"));
        s.req().body(Map.of("name", "Alumni", "private", true)).put(s.path("/spaces/alumni")).then().statusCode(201);
        s.req().get(s.path("/courses")).then().statusCode(200).body("items.id", contains("intro"))
                .body("nextCursor", nullValue());
        s.req().get(s.path("/spaces")).then().statusCode(200).body("items[0].private", equalTo(true));

        s.req().body(Map.of("email", "ann@corp.test", "firstName", "Ann", "tags", List.of("vip", "b"),
                        "fields", Map.of("company", "Corp", "seats", 12)))
                .put(s.path("/users/u1")).then().statusCode(201);
        s.req().get(s.path("/users/u1")).then().statusCode(200)
                .body("tags", contains("b", "vip"))
                .body("role", equalTo("learner"))
                .body("fields.seats", equalTo(12))
                .body("registeredAt", notNullValue());
        for (int i = 0; i < 5; i++) {
            s.req().body(Map.of("email", "p" + i + "@x.test", "tags", List.of("vip")))
                    .put(s.path("/users/p" + i)).then().statusCode(201);
        }
        String cursor = s.req().queryParam("tag", "vip").queryParam("limit", 4).get(s.path("/users"))
                .then().statusCode(200).body("items", hasSize(4)).extract().path("nextCursor");
        s.req().queryParam("tag", "vip").queryParam("limit", 4).queryParam("cursor", cursor).get(s.path("/users"))
                .then().statusCode(200).body("items", hasSize(2)).body("nextCursor", nullValue());
    }

    @Test
    void aUserPutThatLeavesFieldsAndTagsOutKeepsThemAndOneThatSendsThemReplacesThem() {
        Api.SchoolKey s = Api.newSchool("dir");
        s.req().body(Map.of("email", "kim@corp.test", "tags", List.of("vip"), "fields", Map.of("company", "Corp")))
                .put(s.path("/users/u1")).then().statusCode(201);

        s.req().body(Map.of("email", "kim@corp.test", "firstName", "Kim")).put(s.path("/users/u1")).then().statusCode(200);
        s.req().get(s.path("/users/u1")).then().statusCode(200)
                .body("firstName", equalTo("Kim"))
                .body("fields.company", equalTo("Corp"))
                .body("tags", contains("vip"));

        s.req().body(Map.of("email", "kim@corp.test", "fields", Map.of("plan", "pro"), "tags", List.of("b")))
                .put(s.path("/users/u1")).then().statusCode(200);
        s.req().get(s.path("/users/u1")).then().statusCode(200)
                .body("fields.company", nullValue())
                .body("fields.plan", equalTo("pro"))
                .body("tags", contains("b"));
    }

    @Test
    void anotherSchoolsKeySeesNothing() {
        Api.SchoolKey a = Api.newSchool("ten");
        Api.SchoolKey b = Api.newSchool("ten");
        a.req().body(Map.of("email", "x@a.test")).put(a.path("/users/u1")).then().statusCode(201);
        b.req().get(a.path("/users/u1")).then().statusCode(404).contentType(startsWith("application/problem+json"));
        b.req().get(a.path("")).then().statusCode(404);
        b.req().body(Map.of("title", "x")).put(a.path("/courses/c1")).then().statusCode(404);
        Api.as("nope").get(a.path("/users/u1")).then().statusCode(401);
        io.restassured.RestAssured.given().get(a.path("/users/u1")).then().statusCode(401);
    }

    @Test
    void revokedKeyStopsAtOnce() {
        Api.SchoolKey s = Api.newSchool("key");
        var issued = Api.operator().post(s.path("/api-keys")).then().statusCode(201).extract();
        String key = issued.path("apiKey");
        Api.as(key).get(s.path("")).then().statusCode(200);
        Api.operator().delete(s.path("/api-keys/" + issued.path("id"))).then().statusCode(204);
        Api.as(key).get(s.path("")).then().statusCode(401);
    }

    @Test
    void badInputIsAProblemAndChangesNothing() {
        Api.SchoolKey s = Api.newSchool("bad");
        s.req().body("{\"email\": ").put(s.path("/users/u1")).then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        s.req().body(Map.of("email", "not-an-email", "role", "king")).put(s.path("/users/u1")).then().statusCode(422)
                .body("errors.field", contains("email", "role"));
        s.req().get(s.path("/users/u1")).then().statusCode(404);
        s.req().queryParam("limit", "lots").get(s.path("/users")).then().statusCode(422);
    }
}
