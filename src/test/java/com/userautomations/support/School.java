package com.userautomations.support;

import io.restassured.response.ValidatableResponse;

import java.util.List;
import java.util.Map;

/** A test school and short ways to set up its directory and automations through REST. */
public final class School {
    public final Api.SchoolKey key;

    private School(Api.SchoolKey key) {
        this.key = key;
    }

    public static School create(String prefix) {
        return new School(Api.newSchool(prefix));
    }

    /** A school with exactly this id; it must not exist yet. */
    public static School createWithId(String id) {
        return new School(Api.newSchoolWithId(id));
    }

    public String id() {
        return key.id();
    }

    public String adminEmail(int i) {
        return (i == 0 ? "owner@" : "ops@") + key.id() + ".test";
    }

    public School course(String id, boolean paid) {
        key.req().body(Map.of("title", "Course " + id, "paid", paid)).put(key.path("/courses/" + id))
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        return this;
    }

    public School space(String id, boolean isPrivate) {
        key.req().body(Map.of("name", "Space " + id, "private", isPrivate)).put(key.path("/spaces/" + id))
                .then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        return this;
    }

    public School user(String id, Map<String, ?> body) {
        key.req().body(body).put(key.path("/users/" + id)).then().statusCode(org.hamcrest.Matchers.oneOf(200, 201));
        return this;
    }

    /** Creates an automation from JSON text and returns its id. */
    public String automation(String json) {
        return key.req().body(json).post(key.path("/automations")).then().log().ifValidationFails().statusCode(201).extract().path("id");
    }

    public ValidatableResponse post(String json) {
        return key.req().body(json).post(key.path("/events")).then();
    }

    public ValidatableResponse event(String json) {
        return post(json).statusCode(202);
    }

    public ValidatableResponse getUser(String id) {
        return key.req().get(key.path("/users/" + id)).then().statusCode(200);
    }

    public List<String> tags(String userId) {
        return getUser(userId).extract().path("tags");
    }

    public ValidatableResponse get(String rest) {
        return key.req().get(key.path(rest)).then();
    }
}
