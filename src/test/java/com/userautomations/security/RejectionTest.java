package com.userautomations.security;

import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

/** Every refused request answers problem+json, says what is wrong, leaks nothing, and changes nothing. */
@QuarkusTest
class RejectionTest {

    @Test
    void invalidAutomationsAreRefusedWithTheFieldAndNothingIsSaved() {
        School s = School.create("rej").course("c1", false);
        String[] invalid = {
                // unknown merge field
                """
                {"name": "x", "triggers": [{"type": "user.signed_up"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Hi {user.password}", "body": "b"}]}""",
                // CR/LF in the subject
                """
                {"name": "x", "triggers": [{"type": "user.signed_up"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Hi\\r\\nBcc: all@x.test", "body": "b"}]}""",
                // CR/LF in an address
                """
                {"name": "x", "triggers": [{"type": "user.signed_up"}],
                 "actions": [{"type": "send_email", "to": "address", "address": "a@x.test\\nBcc: b@x.test", "subject": "s", "body": "b"}]}""",
                // a course the school does not have
                """
                {"name": "x", "triggers": [{"type": "user.signed_up"}], "actions": [{"type": "enroll", "courseIds": ["nope"]}]}""",
                // unknown trigger, action and operator
                """
                {"name": "x", "triggers": [{"type": "user.exploded"}], "actions": [{"type": "launch"}]}""",
                """
                {"name": "x", "triggers": [{"type": "user.signed_up"}],
                 "conditions": {"type": "field", "path": "user.fields.a", "op": "matches", "value": ".*"},
                 "actions": [{"type": "add_tags", "tags": ["t"]}]}""",
                // wrong types
                """
                {"name": 42, "triggers": "user.signed_up", "actions": {}}"""
        };
        for (String body : invalid) {
            s.key.req().body(body).post(s.key.path("/automations")).then().statusCode(422)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors", not(empty()))
                    .body("detail", not(containsString("Exception")));
        }
        s.key.req().body("{\"name\": ").post(s.key.path("/automations")).then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
        s.get("/automations").statusCode(200).body("items", empty());
        s.key.req().body("""
                {"name": "x", "triggers": [{"type": "user.signed_up"}], "actions": [{"type": "enroll", "courseIds": ["nope"]}]}""")
                .post(s.key.path("/automations")).then().statusCode(422)
                .body("errors[0].field", equalTo("actions[0].courseIds"));
    }

    @Test
    void refusedChangesToAnAutomationLeaveItAsItWas() {
        School s = School.create("rej");
        String a = s.automation("""
                {"name": "keep", "triggers": [{"type": "user.signed_up"}], "actions": [{"type": "add_tags", "tags": ["t"]}]}""");
        s.key.req().body("{\"name\": \"broken\", \"triggers\": []}").put(s.key.path("/automations/" + a)).then().statusCode(422);
        s.key.req().body("{\"status\": \"sleeping\"}").patch(s.key.path("/automations/" + a)).then().statusCode(422);
        s.key.req().body("{}").put(s.key.path("/automations/aut_missing")).then().statusCode(404);
        s.get("/automations/" + a).statusCode(200).body("name", equalTo("keep")).body("version", equalTo(1))
                .body("status", equalTo("active"));
    }

    @Test
    void invalidEventsAreRefusedAndLeaveNoTrace() {
        School s = School.create("rej").user("u1", Map.of("email", "u1@x.test"));
        s.automation("""
                {"name": "any", "triggers": [{"type": "tags.added"}], "actions": [{"type": "add_tags", "tags": ["ran"]}]}""");
        // unknown user
        s.post("""
                {"id": "e1", "type": "tags.added", "userId": "ghost", "tags": ["a"]}""").statusCode(422)
                .contentType(startsWith("application/problem+json")).body("errors.field", hasItem("userId"));
        s.get("/events/e1").statusCode(404);
        s.get("/users/ghost").statusCode(404);
        // missing and malformed fields
        s.post("""
                {"type": "tags.added", "userId": "u1"}""").statusCode(422).body("errors.field", hasItem("id"))
                .body("errors.field", hasItem("tags"));
        s.post("""
                {"id": "e2", "type": "user.unenrolled", "userId": "u1", "courseId": "c", "reason": "bored"}""")
                .statusCode(422).body("errors.field", hasItem("reason"));
        s.post("""
                {"id": "e3", "type": "tags.added", "userId": "u1", "tags": ["%s"]}""".formatted("x".repeat(101)))
                .statusCode(422).body("errors[0].field", equalTo("tags[0]"));
        s.post("""
                {"id": "e4", "type": "user.signed_up", "userId": "new1", "user": {"email": "not an email"}}""")
                .statusCode(422);
        s.get("/users/new1").statusCode(404);
        s.post("""
                {"id": "e5", "type": "form.submitted", "formId": "f"}""").statusCode(422);
        s.post("""
                {"id": "bad id!", "type": "tags.added", "userId": "u1", "tags": ["a"]}""").statusCode(422);
        s.post("""
                {"id": "e6", "type": "tags.added", "userId": "u1", "tags": ["a"], "occurredAt": "yesterday"}""")
                .statusCode(422).body("errors.field", hasItem("occurredAt"));
        s.post("[1, 2]").statusCode(400);
        s.post("{\"id\": ").statusCode(400).body("detail", startsWith("Malformed JSON"));
        s.key.req().body("{\"events\": " + "[".repeat(1) + "]}".substring(0, 1) + "}").post(s.key.path("/events:batch"))
                .then().statusCode(200).body("results", empty());
        // a body over 1 MiB
        s.post("{\"id\": \"big\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"a\"], \"fields\": {\"x\": \""
                + "y".repeat(1_100_000) + "\"}}").statusCode(413).contentType(startsWith("application/problem+json"));
        s.getUser("u1").body("tags", empty());
        s.get("/runs").body("items", hasSize(0));
    }

    @Test
    void unknownThingsAre404ProblemsWithoutInternals() {
        School s = School.create("rej");
        s.get("/automations/nope").statusCode(404).contentType(startsWith("application/problem+json"));
        s.get("/users/nope").statusCode(404).contentType(startsWith("application/problem+json"));
        s.get("/events/nope").statusCode(404);
        s.get("/no-such-endpoint").statusCode(404).contentType(startsWith("application/problem+json"));
        s.get("/users?limit=0").statusCode(422);
        s.get("/users?cursor=%25%25%25").statusCode(422);
    }

    @Test
    void batchesOverAThousandEventsAreRefusedWhole() {
        School s = School.create("rej").user("u1", Map.of("email", "u1@x.test"));
        StringBuilder events = new StringBuilder("{\"events\": [");
        for (int i = 0; i < 1001; i++) {
            events.append(i == 0 ? "" : ",").append("{\"id\": \"b").append(i)
                    .append("\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"X\"}");
        }
        events.append("]}");
        s.key.req().body(events.toString()).post(s.key.path("/events:batch")).then().statusCode(422);
        s.get("/events/b1").statusCode(404);
        s.key.req().body(List.of(1)).post(s.key.path("/events:batch")).then().statusCode(400);
    }
}
