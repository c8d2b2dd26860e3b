package com.userautomations.security;

import com.userautomations.support.Api;
import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** A key acts only on its own school: every other school's path is 404, and nothing changes there. */
@QuarkusTest
class TenancyTest {

    private record Call(String method, String path, String body) {
    }

    @Test
    void anotherSchoolsKeyGets404OnEveryEndpointFamilyAndChangesNothing() {
        School victim = School.create("victim").course("c1", false).space("s1", true)
                .user("u1", Map.of("email", "u1@v.test", "tags", List.of("keep")));
        String a = victim.automation("""
                {"name": "A", "triggers": [{"type": "coupon.claimed"}], "actions": [{"type": "add_tags", "tags": ["x"]}]}""");
        victim.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
        String keyId = Api.operator().post(victim.key.path("/api-keys")).then().statusCode(201).extract().path("id");
        School attacker = School.create("attacker");

        String automation = """
                {"name": "B", "triggers": [{"type": "coupon.claimed"}], "actions": [{"type": "remove_tags", "tags": ["keep"]}]}""";
        List<Call> calls = List.of(
                new Call("GET", "", null),
                new Call("PUT", "/courses/c1", "{\"title\": \"hijacked\"}"),
                new Call("GET", "/courses", null),
                new Call("GET", "/courses/c1", null),
                new Call("PUT", "/spaces/s1", "{\"name\": \"hijacked\"}"),
                new Call("GET", "/spaces", null),
                new Call("PUT", "/users/u1", "{\"email\": \"evil@a.test\"}"),
                new Call("GET", "/users/u1", null),
                new Call("GET", "/users", null),
                new Call("POST", "/automations", automation),
                new Call("GET", "/automations", null),
                new Call("GET", "/automations/" + a, null),
                new Call("PUT", "/automations/" + a, automation),
                new Call("PATCH", "/automations/" + a, "{\"status\": \"paused\"}"),
                new Call("DELETE", "/automations/" + a, null),
                new Call("GET", "/automations/" + a + "/drl", null),
                new Call("GET", "/automations/" + a + "/versions", null),
                new Call("POST", "/automations/" + a + "/versions/1:restore", null),
                new Call("POST", "/automations/" + a + ":preview", null),
                new Call("GET", "/users/u1/timeline", null),
                new Call("POST", "/events", "{\"id\": \"e2\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"C\"}"),
                new Call("POST", "/events:batch", "{\"events\": []}"),
                new Call("GET", "/events/e1", null),
                new Call("GET", "/runs", null),
                new Call("GET", "/emails", null));
        for (Call c : calls) {
            send(attacker.key.req(), c, victim).then().statusCode(404).contentType(startsWith("application/problem+json"));
            send(RestAssured.given(), c, victim).then().statusCode(401).contentType(startsWith("application/problem+json"));
            send(Api.as("ua_not-a-key"), c, victim).then().statusCode(401);
        }
        // keys are the operator's: any school key gets 401 there, its own school's or another's
        for (Call c : List.of(new Call("POST", "/api-keys", "{}"), new Call("GET", "/api-keys", null),
                new Call("DELETE", "/api-keys/" + keyId, null))) {
            send(attacker.key.req(), c, victim).then().statusCode(401);
            send(victim.key.req(), c, victim).then().statusCode(401);
        }
        Api.operator().get(victim.key.path("/api-keys")).then().statusCode(200)
                .body("items.id", org.hamcrest.Matchers.hasItem(keyId));
        // nothing changed in the victim school
        victim.getUser("u1").body("email", equalTo("u1@v.test"));
        victim.get("/courses/c1").statusCode(200).body("title", equalTo("Course c1"));
        victim.get("/automations/" + a).statusCode(200).body("status", equalTo("active")).body("version", equalTo(1));
        victim.get("/events/e2").statusCode(404);
        victim.get("").statusCode(200);
        Api.operator().delete(victim.key.path("/api-keys/" + keyId)).then().statusCode(204);
    }

    @Test
    void onlyTheOperatorCreatesSchools() {
        School s = School.create("notop");
        s.key.req().body(Map.of("id", "sneaky-school", "name", "x")).post("/api/v1/schools").then().statusCode(401);
        Api.operator().get("/api/v1/schools/sneaky-school").then().statusCode(404);
    }

    private static io.restassured.response.Response send(RequestSpecification req, Call c, School victim) {
        Function<RequestSpecification, RequestSpecification> withBody = r -> c.body == null ? r
                : r.contentType("application/json").body(c.body);
        String path = victim.key.path(c.path);
        return switch (c.method) {
            case "GET" -> withBody.apply(req).get(path);
            case "POST" -> withBody.apply(req).post(path);
            case "PUT" -> withBody.apply(req).put(path);
            case "PATCH" -> withBody.apply(req).patch(path);
            case "DELETE" -> withBody.apply(req).delete(path);
            default -> throw new IllegalArgumentException(c.method);
        };
    }
}
