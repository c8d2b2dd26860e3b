package com.userautomations.activity;

import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

/** user.visited: lastVisitedAt on the user and on the enrollment, the later of stored and occurredAt. */
@QuarkusTest
class VisitsTest {

    @Test
    void aVisitSetsLastVisitedAtAndAnOlderOneDoesNotMoveItBack() {
        School s = School.create("visits").course("c1", false).course("c2", false)
                .user("u1", Map.of("email", "u1@x.test"));
        s.event("""
                {"id": "en1", "type": "user.enrolled", "userId": "u1", "courseId": "c1"}""");
        s.getUser("u1").body("lastVisitedAt", nullValue()).body("enrollments[0].lastVisitedAt", nullValue());

        s.event("""
                {"id": "v1", "type": "user.visited", "userId": "u1", "courseId": "c1", "occurredAt": "2026-11-10T10:00:00Z"}""");
        s.getUser("u1").body("lastVisitedAt", equalTo("2026-11-10T10:00:00Z"))
                .body("enrollments[0].lastVisitedAt", equalTo("2026-11-10T10:00:00Z"));

        // older: nothing moves back; a visit to the school only leaves the enrollment alone
        s.event("""
                {"id": "v2", "type": "user.visited", "userId": "u1", "courseId": "c1", "occurredAt": "2026-11-01T10:00:00Z"}""");
        s.event("""
                {"id": "v3", "type": "user.visited", "userId": "u1", "occurredAt": "2026-11-12T08:00:00Z"}""");
        s.getUser("u1").body("lastVisitedAt", equalTo("2026-11-12T08:00:00Z"))
                .body("enrollments[0].lastVisitedAt", equalTo("2026-11-10T10:00:00Z"));

        // a course of the directory the user is not enrolled in: the school's visit only
        s.event("""
                {"id": "v4", "type": "user.visited", "userId": "u1", "courseId": "c2", "occurredAt": "2026-11-13T08:00:00Z"}""");
        s.getUser("u1").body("lastVisitedAt", equalTo("2026-11-13T08:00:00Z"))
                .body("enrollments.size()", equalTo(1));
    }

    @Test
    void anUnknownCourseOrUserIsRefusedAndChangesNothing() {
        School s = School.create("visits-bad").course("c1", false).user("u1", Map.of("email", "u1@x.test"));
        s.post("""
                {"id": "v1", "type": "user.visited", "userId": "u1", "courseId": "nope", "occurredAt": "2026-11-10T10:00:00Z"}""")
                .statusCode(422).body("errors[0].field", equalTo("courseId"));
        s.post("""
                {"id": "v2", "type": "user.visited", "userId": "ghost"}""").statusCode(422);
        s.post("""
                {"id": "v3", "type": "user.visited"}""").statusCode(422).body("errors[0].field", equalTo("userId"));
        s.getUser("u1").body("lastVisitedAt", nullValue());
        s.get("/events/v1").statusCode(404);
    }

    @Test
    void aBatchAppliesVisitsOnceByEventId() {
        School s = School.create("visits-batch").user("u1", Map.of("email", "u1@x.test"));
        String batch = """
                {"events": [
                  {"id": "b1", "type": "user.visited", "userId": "u1", "occurredAt": "2026-11-10T10:00:00Z"},
                  {"id": "b2", "type": "user.visited", "userId": "u1", "occurredAt": "2026-11-20T10:00:00Z"},
                  {"id": "b3", "type": "user.visited", "userId": "u1", "occurredAt": "2026-11-15T10:00:00Z"}]}""";
        List<Map<String, Object>> first = s.key.req().body(batch).post(s.key.path("/events:batch")).then()
                .statusCode(200).extract().jsonPath().getList("results");
        assertThat(first).allSatisfy(r -> assertThat(r).containsEntry("duplicate", false));
        List<Map<String, Object>> again = s.key.req().body(batch).post(s.key.path("/events:batch")).then()
                .statusCode(200).extract().jsonPath().getList("results");
        assertThat(again).allSatisfy(r -> assertThat(r).containsEntry("duplicate", true));
        s.getUser("u1").body("lastVisitedAt", equalTo("2026-11-20T10:00:00Z"));
        // a GET's answer may be PUT back as it is
        String user = s.getUser("u1").extract().asString();
        s.key.req().body(user).put(s.key.path("/users/u1")).then().statusCode(200)
                .body("lastVisitedAt", equalTo("2026-11-20T10:00:00Z"));
    }
}
