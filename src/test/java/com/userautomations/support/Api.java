package com.userautomations.support;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Talks to the service the way the platform does: JSON over HTTP with a bearer token. */
public final class Api {
    public static final String OPERATOR = "test-operator-token";

    private Api() {
    }

    public static RequestSpecification operator() {
        return as(OPERATOR);
    }

    public static RequestSpecification as(String token) {
        return RestAssured.given().contentType(ContentType.JSON).header("Authorization", "Bearer " + token);
    }

    /** A new school with a unique id; returns its id and API key. */
    public static SchoolKey newSchool(String prefix) {
        return newSchoolWithId(prefix + "-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** A new school with exactly this id (for rules scoped to a school's folder). */
    public static SchoolKey newSchoolWithId(String id) {
        Response r = operator().body(Map.of("id", id, "name", "School " + id, "timezone", "Europe/Athens",
                        "adminEmails", List.of("owner@" + id + ".test", "ops@" + id + ".test"),
                        "fromEmail", "school@" + id + ".test"))
                .post("/api/v1/schools");
        r.then().statusCode(201);
        return new SchoolKey(id, r.path("apiKey"));
    }

    public record SchoolKey(String id, String key) {
        public RequestSpecification req() {
            return as(key);
        }

        public String path(String rest) {
            return "/api/v1/schools/" + id + rest;
        }
    }
}
