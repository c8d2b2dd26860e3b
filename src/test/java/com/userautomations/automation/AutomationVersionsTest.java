package com.userautomations.automation;

import com.userautomations.common.Sql;
import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * API.md 1.1, versions, through REST: every saved version with its definition (PATCH makes
 * none), newest first and paged; restoring one saves it again as a new version through PUT's
 * path: the rule base runs it, its references are validated again, waitingRuns applies.
 */
@QuarkusTest
class AutomationVersionsTest {
    private static final String V1 = """
            {"name": "Coupon v1", "triggers": [{"type": "coupon.claimed"}],
             "actions": [{"type": "add_tags", "tags": ["v1"]}]}""";
    private static final String V2 = """
            {"name": "Coupon v2", "triggers": [{"type": "coupon.claimed", "couponCodes": ["C"]}],
             "conditions": {"type": "has_any_tag", "tags": ["vip"]},
             "actions": [{"type": "add_tags", "tags": ["v2"]}], "reentry": "once_per_user"}""";
    private static final String V3 = """
            {"name": "Coupon v3", "triggers": [{"type": "coupon.claimed"}],
             "actions": [{"type": "enroll", "courseIds": ["c1"]}],
             "exitWhen": {"type": "has_tags", "tags": ["done"]}}""";

    @Inject
    Sql sql;

    private static void put(School s, String id, String body, int version) {
        s.key.req().body(body).put(s.key.path("/automations/" + id)).then().statusCode(200)
                .body("version", equalTo(version));
    }

    private static io.restassured.response.ValidatableResponse restore(School s, String id, String version, String query) {
        return s.key.req().post(s.key.path("/automations/" + id + "/versions/" + version + ":restore" + query)).then();
    }

    @Test
    void versionsAreListedWithTheirDefinitionsNewestFirstAndARestoreRunsAsANewVersion() {
        School s = School.create("versions").course("c1", false)
                .user("u1", Map.of("email", "u1@x.test", "tags", List.of("vip")));
        String id = s.automation(V1);
        put(s, id, V2, 2);
        put(s, id, V3, 3);
        s.key.req().body("{\"status\": \"paused\"}").patch(s.key.path("/automations/" + id)).then().statusCode(200)
                .body("version", equalTo(3));

        JsonPath all = s.get("/automations/" + id + "/versions").statusCode(200).extract().jsonPath();
        assertThat(all.getList("items.version", Integer.class)).containsExactly(3, 2, 1);
        assertThat(all.getString("nextCursor")).isNull();
        List<Map<String, Object>> items = all.getList("items");
        assertThat(items).allSatisfy(v -> assertThat(v).containsOnlyKeys("version", "createdAt", "definition"));
        // as saved: every default filled in, no status (the PATCH made no version and changed none)
        assertThat(all.getMap("items[2].definition")).containsOnlyKeys("name", "triggers", "actions", "reentry")
                .containsEntry("name", "Coupon v1").containsEntry("reentry", "every_time")
                .containsEntry("triggers", List.of(Map.of("type", "coupon.claimed")))
                .containsEntry("actions", List.of(Map.of("type", "add_tags", "tags", List.of("v1"))));
        assertThat(all.getMap("items[1].definition")).containsOnlyKeys("name", "triggers", "conditions", "actions", "reentry")
                .containsEntry("conditions", Map.of("type", "has_any_tag", "tags", List.of("vip")))
                .containsEntry("triggers", List.of(Map.of("type", "coupon.claimed", "couponCodes", List.of("C"))))
                .containsEntry("reentry", "once_per_user");
        assertThat(all.getMap("items[0].definition")).containsEntry("exitWhen", Map.of("type", "has_tags", "tags", List.of("done")))
                .containsEntry("actions", List.of(Map.of("type", "enroll", "courseIds", List.of("c1"))));
        Instant v1At = Instant.parse(all.getString("items[2].createdAt"));
        assertThat(Instant.parse(all.getString("items[1].createdAt"))).isAfterOrEqualTo(v1At);
        assertThat(Instant.parse(all.getString("items[0].createdAt")))
                .isAfterOrEqualTo(Instant.parse(all.getString("items[1].createdAt")));
        // version 1 was saved when the automation was created
        assertThat(v1At).isEqualTo(Instant.parse(s.get("/automations/" + id).extract().path("createdAt")));

        // paged newest first; the cursor serves this automation's list only
        JsonPath first = s.get("/automations/" + id + "/versions?limit=2").statusCode(200).extract().jsonPath();
        assertThat(first.getList("items.version", Integer.class)).containsExactly(3, 2);
        String cursor = first.getString("nextCursor");
        assertThat(cursor).isNotNull();
        s.get("/automations/" + id + "/versions?limit=2&cursor=" + cursor).statusCode(200)
                .body("items.version", equalTo(List.of(1))).body("nextCursor", nullValue())
                .body("items[0].definition", equalTo(all.getMap("items[2].definition")));
        String other = s.automation("""
                {"name": "Other", "triggers": [{"type": "form.submitted"}], "actions": [{"type": "add_tags", "tags": ["f"]}]}""");
        s.get("/automations/" + other + "/versions?cursor=" + cursor).statusCode(422)
                .body("errors[0].field", equalTo("cursor"));

        // restore version 1 while paused: version 4 is version 1's definition, still paused
        restore(s, id, "1", "").statusCode(200).body("version", equalTo(4)).body("status", equalTo("paused"))
                .body("name", equalTo("Coupon v1")).body("actions[0].tags", equalTo(List.of("v1")))
                .body("exitWhen", nullValue()).body("conditions", nullValue());
        JsonPath after = s.get("/automations/" + id + "/versions").statusCode(200).extract().jsonPath();
        assertThat(after.getList("items.version", Integer.class)).containsExactly(4, 3, 2, 1);
        assertThat(after.getMap("items[0].definition")).isEqualTo(all.getMap("items[2].definition"));
        s.get("/automations/" + id).statusCode(200).body("version", equalTo(4)).body("status", equalTo("paused"));

        // the rule base runs version 4: v1's tag, no enrollment in c1 (v3), no condition (v2)
        s.key.req().body("{\"status\": \"active\"}").patch(s.key.path("/automations/" + id)).then().statusCode(200);
        s.event("{\"id\": \"e1\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"Z\"}")
                .body("runs", hasSize(1)).body("runs[0].automationId", equalTo(id)).body("runs[0].version", equalTo(4));
        JsonPath user = s.getUser("u1").extract().jsonPath();
        assertThat(user.getList("tags", String.class)).containsExactly("v1", "vip");
        assertThat(user.getList("enrollments")).isEmpty();

        // restoring the current version again is allowed: one more version, the same definition
        restore(s, id, "4", "?waitingRuns=keep").statusCode(200).body("version", equalTo(5)).body("status", equalTo("active"));
    }

    @Test
    void unknownVersionsAutomationsAndSchoolsAre404AndBadInputIsAProblem() {
        School s = School.create("versions-404");
        String id = s.automation(V1);
        for (String v : List.of("2", "0", "-1", "abc", "1.0", "99999999999", "1' OR '1'='1", "1;DROP TABLE automations")) {
            restore(s, id, URLEncoder.encode(v, StandardCharsets.UTF_8), "").statusCode(404)
                    .contentType(startsWith("application/problem+json")).body("status", equalTo(404));
        }
        restore(s, "aut_nosuchthing0", "1", "").statusCode(404);
        s.get("/automations/aut_nosuchthing0/versions").statusCode(404).contentType(startsWith("application/problem+json"));
        restore(s, id, "1", "?waitingRuns=drop").statusCode(422).body("errors[0].field", equalTo("waitingRuns"));
        s.get("/automations/" + id + "/versions?limit=0").statusCode(422).body("errors[0].field", equalTo("limit"));
        for (String bad : List.of("' OR 1=1 --", "not-a-cursor", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")) {
            s.key.req().queryParam("cursor", bad).get(s.key.path("/automations/" + id + "/versions")).then()
                    .statusCode(422).contentType(startsWith("application/problem+json"))
                    .body("errors[0].field", equalTo("cursor"));
        }
        s.key.req().queryParam("since", "1").get(s.key.path("/automations/" + id + "/versions")).then()
                .statusCode(422).body("errors[0].field", equalTo("since"));
        // nothing was saved by any of these
        s.get("/automations/" + id + "/versions").statusCode(200).body("items.version", equalTo(List.of(1)));

        // another school's automation does not exist for this key
        School other = School.create("versions-other");
        other.get("/automations/" + id + "/versions").statusCode(404);
        other.key.req().post(other.key.path("/automations/" + id + "/versions/1:restore")).then().statusCode(404);
        other.key.req().get(s.key.path("/automations/" + id + "/versions")).then().statusCode(404);
        other.key.req().post(s.key.path("/automations/" + id + "/versions/1:restore")).then().statusCode(404);
        s.get("/automations/" + id).statusCode(200).body("version", equalTo(1));

        // a deleted automation has no versions to list or restore; the colon may be percent-encoded
        String gone = s.automation(V1);
        io.restassured.RestAssured.given().urlEncodingEnabled(false).header("Authorization", "Bearer " + s.key.key())
                .post(s.key.path("/automations/" + gone + "/versions/1%3Arestore")).then().statusCode(200)
                .body("version", equalTo(2));
        s.key.req().delete(s.key.path("/automations/" + gone)).then().statusCode(204);
        s.get("/automations/" + gone + "/versions").statusCode(404);
        restore(s, gone, "1", "").statusCode(404);
    }

    @Test
    void aVersionNamingACourseOrEndpointThatIsGoneIsRefusedAsAPutWouldBe() {
        School s = School.create("versions-gone").course("keep", false).course("gone", false);
        String id = s.automation("""
                {"name": "Enroll", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "enroll", "courseIds": ["keep", "gone"]}]}""");
        put(s, id, V1, 2);
        // nothing in the API deletes a course (the platform's sync only adds or changes): the row goes here
        sql.update("DELETE FROM courses WHERE school_id = ? AND id = ?", s.id(), "gone");

        restore(s, id, "1", "").statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("actions[0].courseIds"))
                .body("errors[0].message", org.hamcrest.Matchers.containsString("gone"));
        s.get("/automations/" + id).statusCode(200).body("version", equalTo(2)).body("name", equalTo("Coupon v1"));
        s.get("/automations/" + id + "/versions").statusCode(200).body("items.version", equalTo(List.of(2, 1)));

        // a webhook endpoint deleted through the API: the same 422, at the action naming it
        String hook = s.key.req().body(Map.of("url", "https://hooks.example.com/in", "events", List.of("*")))
                .post(s.key.path("/webhooks")).then().statusCode(201).extract().path("id");
        put(s, id, """
                {"name": "Hook", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_webhook", "webhookId": "%s", "payload": {"k": "v"}}]}""".formatted(hook), 3);
        put(s, id, V1, 4);
        s.key.req().delete(s.key.path("/webhooks/" + hook)).then().statusCode(204);
        restore(s, id, "3", "").statusCode(422).body("errors[0].field", startsWith("actions[0]"));
        s.get("/automations/" + id).statusCode(200).body("version", equalTo(4));
    }

    @Test
    void aRestoreEndsTheOlderVersionsWaitingRunsOnlyWhenAskedAsAPutDoes() {
        School s = School.create("versions-wait").user("u1", Map.of("email", "u1@x.test"));
        String id = s.automation("""
                {"name": "Later", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "wait", "duration": "PT1H"}, {"type": "add_tags", "tags": ["later"]}]}""");
        s.event("{\"id\": \"w1\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"A\"}")
                .body("runs[0].status", equalTo("waiting"));
        restore(s, id, "1", "").statusCode(200).body("version", equalTo(2));
        s.get("/runs?automationId=" + id).statusCode(200).body("items[0].status", equalTo("waiting"))
                .body("items[0].version", equalTo(1));

        s.event("{\"id\": \"w2\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"A\"}")
                .body("runs[0].version", equalTo(2)).body("runs[0].status", equalTo("waiting"));
        restore(s, id, "1", "?waitingRuns=cancel").statusCode(200).body("version", equalTo(3));
        JsonPath runs = s.get("/runs?automationId=" + id).statusCode(200).extract().jsonPath();
        assertThat(runs.getList("items.version", Integer.class)).containsExactlyInAnyOrder(1, 2);
        assertThat(runs.getList("items.status", String.class)).containsOnly("skipped");
        assertThat(runs.getList("items.error", String.class)).allSatisfy(e -> assertThat(e).isNotBlank());
    }
}
