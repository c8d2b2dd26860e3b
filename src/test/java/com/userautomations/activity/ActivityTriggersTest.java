package com.userautomations.activity;

import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/** The user.visited and user.inactive triggers as saved: what starts runs, the DRL, and the 422s. */
@QuarkusTest
class ActivityTriggersTest {

    @Test
    void aVisitToAListedCourseStartsTheAutomationAndOthersDoNot() {
        School s = School.create("visit-trigger").course("c1", false).course("c2", false)
                .user("u1", Map.of("email", "u1@x.test"));
        String id = s.automation("""
                {"name": "Back in c1", "triggers": [{"type": "user.visited", "courseIds": ["c1"]}],
                 "actions": [{"type": "add_tags", "tags": ["visited-c1"]}]}""");

        s.event("""
                {"id": "v1", "type": "user.visited", "userId": "u1"}""").body("runs", hasSize(0));
        s.event("""
                {"id": "v2", "type": "user.visited", "userId": "u1", "courseId": "c2"}""").body("runs", hasSize(0));
        assertThat(s.tags("u1")).isEmpty();
        s.event("""
                {"id": "v3", "type": "user.visited", "userId": "u1", "courseId": "c1"}""")
                .body("runs", hasSize(1)).body("runs[0].automationId", equalTo(id));
        assertThat(s.tags("u1")).containsExactly("visited-c1");

        s.get("/automations/" + id + "/drl").statusCode(200)
                .body(containsString("type == \"user.visited\""), containsString("courseId == \"c1\""));
    }

    @Test
    void aVisitWithoutCoursesListedMatchesEveryVisit() {
        School s = School.create("visit-any").course("c1", false).user("u1", Map.of("email", "u1@x.test"));
        s.automation("""
                {"name": "Any visit", "triggers": [{"type": "user.visited"}],
                 "actions": [{"type": "add_tags", "tags": ["seen"]}]}""");
        s.event("""
                {"id": "v1", "type": "user.visited", "userId": "u1"}""").body("runs", hasSize(1));
    }

    @Test
    void inactiveTriggersAreCheckedAtSave() {
        School s = School.create("inactive-422").course("c1", false).course("c2", false);
        refused(s, "{\"type\": \"user.inactive\"}", "[]", "triggers[0].days");
        refused(s, "{\"type\": \"user.inactive\", \"days\": 0}", "[]", "triggers[0].days");
        refused(s, "{\"type\": \"user.inactive\", \"days\": 366}", "[]", "triggers[0].days");
        refused(s, "{\"type\": \"user.inactive\", \"days\": \"14\"}", "[]", "triggers[0].days");
        refused(s, "{\"type\": \"user.inactive\", \"days\": 1.5}", "[]", "triggers[0].days");
        refused(s, "{\"type\": \"user.visited\", \"days\": 3}", "[]", "triggers[0].days");
        refused(s, "{\"type\": \"user.inactive\", \"days\": 3, \"courseIds\": [\"nope\"]}", "[]",
                "triggers[0].courseIds");
        refused(s, "{\"type\": \"user.inactive\", \"days\": 3, \"tags\": [\"x\"]}", "[]", "triggers[0].tags");
        // no event to read: event.* in conditions and merge fields
        s.key.req().body("""
                {"name": "n", "triggers": [{"type": "user.inactive", "days": 3}],
                 "conditions": {"all": [{"type": "field", "path": "event.fields.plan", "op": "exists"}]},
                 "actions": [{"type": "add_tags", "tags": ["x"]}]}""").post(s.key.path("/automations")).then()
                .statusCode(422).body("errors[0].field", equalTo("conditions.all[0].path"));
        refused(s, "{\"type\": \"user.inactive\", \"days\": 3}", """
                [{"type": "send_email", "to": "user", "subject": "Hi {event.fields.x}", "body": "b"}]""",
                "actions[0].subject");
        // course.* only with exactly one course
        refused(s, "{\"type\": \"user.inactive\", \"days\": 3}", """
                [{"type": "send_email", "to": "user", "subject": "s", "body": "{course.title}"}]""", "actions[0].body");
        refused(s, "{\"type\": \"user.inactive\", \"days\": 3, \"courseIds\": [\"c1\", \"c2\"]}", """
                [{"type": "send_email", "to": "user", "subject": "s", "body": "{course.title}"}]""", "actions[0].body");
        s.get("/automations").statusCode(200).body("items", hasSize(0));

        String id = s.automation("""
                {"name": "Miss you", "triggers": [{"type": "user.inactive", "days": 14, "courseIds": ["c1"]}],
                 "conditions": {"type": "field", "path": "user.fields.plan", "op": "exists"},
                 "actions": [{"type": "send_email", "to": "user", "subject": "{course.title} misses you",
                              "body": "Come back, {user.firstName}"}]}""");
        s.get("/automations/" + id).statusCode(200).body("triggers[0].days", equalTo(14))
                .body("triggers[0].courseIds[0]", equalTo("c1"));
        s.get("/automations/" + id + "/drl").statusCode(200).body(containsString("type == \"user.inactive\""));
    }

    private static void refused(School s, String trigger, String actions, String field) {
        ValidatableResponse r = s.key.req().body("{\"name\": \"n\", \"triggers\": [" + trigger + "], \"actions\": "
                + ("[]".equals(actions) ? "[{\"type\": \"add_tags\", \"tags\": [\"x\"]}]" : actions) + "}")
                .post(s.key.path("/automations")).then();
        r.statusCode(422).body("errors[0].field", equalTo(field));
    }
}
