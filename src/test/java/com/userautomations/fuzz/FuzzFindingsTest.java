package com.userautomations.fuzz;

import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smallest requests that reproduce what {@link RestFuzzTest} found: each one answered 500
 * ("Internal error") when it was written. The expected behaviour is the contract's: a refusal is a
 * 4xx that changes nothing, or the request succeeds; never a 5xx.
 */
@QuarkusTest
class FuzzFindingsTest {

    private static School school() {
        return School.create("found").course("c1", false).user("u1", Map.of("email", "ann@corp.test", "firstName", "Ann"));
    }

    private static void assertNot5xx(Response r, String what) {
        assertThat(r.statusCode()).as(what + " answered " + r.statusCode() + ": " + r.asString()).isLessThan(500);
    }

    private static void assertNot5xx(SoftAssertions soft, Response r, String what) {
        soft.assertThat(r.statusCode()).as(what + " answered " + r.statusCode() + ": " + r.asString()).isLessThan(500);
    }

    // ---- timestamps the validation accepts but PostgreSQL cannot store (years after 294276) ----

    @Test
    void userSyncWithARegistrationDateBeyondTheDatabaseRange() {
        School s = school();
        Response r = s.key.req().body("{\"email\": \"b@corp.test\", \"registeredAt\": \"+294277-01-01T00:00:00Z\"}")
                .put(s.key.path("/users/u9"));
        assertNot5xx(r, "PUT /users/u9 with registeredAt +294277-01-01T00:00:00Z");
        if (r.statusCode() >= 400) {
            s.get("/users/u9").statusCode(404);
        }
    }

    @Test
    void eventsWithAnOccurredAtBeyondTheDatabaseRange() {
        School s = school();
        SoftAssertions soft = new SoftAssertions();
        assertNot5xx(soft, s.key.req().body("""
                {"id": "far-1", "type": "user.signed_up", "userId": "u9", "occurredAt": "+294277-01-01T00:00:00Z",
                 "user": {"email": "b@corp.test"}}""").post(s.key.path("/events")), "a sign-up in year 294277");
        assertNot5xx(soft, s.key.req().body("""
                {"id": "far-2", "type": "course.completed", "userId": "u1", "courseId": "c1",
                 "occurredAt": "+294277-01-01T00:00:00Z"}""").post(s.key.path("/events")), "a completion in year 294277");
        // an offset that moves the instant before the smallest LocalDateTime: DateTimeException while binding it
        assertNot5xx(soft, s.key.req().body("""
                {"id": "far-3", "type": "user.enrolled", "userId": "u1", "courseId": "c1",
                 "occurredAt": "-999999999-01-01T00:00:00+01:00"}""").post(s.key.path("/events")), "an enrollment in year -999999999");
        soft.assertAll();
    }

    @Test
    void aBatchWithOneSuchEventFailsWholeAfterStoringTheEventsBeforeIt() {
        School s = school();
        Response r = s.key.req().body("""
                {"events": [{"id": "ok-1", "type": "tags.added", "userId": "u1", "tags": ["a"]},
                            {"id": "far-4", "type": "user.enrolled", "userId": "u1", "courseId": "c1",
                             "occurredAt": "+294277-01-01T00:00:00Z"}]}""").post(s.key.path("/events:batch"));
        // the contract: 200 with one answer or problem per event; a 500 here comes after the first event was
        // committed in its own transaction, so an error answer left a change behind
        int first = s.get("/events/ok-1").extract().statusCode();
        assertNot5xx(r, "a batch whose second event is in year 294277 (GET /events/ok-1 then answered " + first + ")");
    }

    // ---- wait steps that save but cannot be scheduled ----

    @Test
    void aWaitUntilBeyondTheDatabaseRangeBreaksEveryEventThatStartsIt() {
        School s = school();
        Response saved = s.key.req().body("""
                {"name": "far wait", "triggers": [{"type": "tags.added"}],
                 "actions": [{"type": "wait", "until": "+294277-01-01T00:00:00Z"}, {"type": "add_tags", "tags": ["later"]}]}""")
                .post(s.key.path("/automations"));
        assertNot5xx(saved, "saving a wait until year 294277");
        if (saved.statusCode() == 201) {
            for (int i = 0; i < 2; i++) {
                assertNot5xx(s.key.req().body("{\"id\": \"w" + i + "\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"t" + i + "\"]}")
                        .post(s.key.path("/events")), "event " + i + " that starts the automation");
            }
        }
    }

    @Test
    void aWaitDurationThatOverflowsTheClockBreaksEveryEventThatStartsIt() {
        School s = school();
        Response saved = s.key.req().body("""
                {"name": "long wait", "triggers": [{"type": "tags.added"}],
                 "actions": [{"type": "wait", "duration": "PT2562047788015215H"}, {"type": "add_tags", "tags": ["later"]}]}""")
                .post(s.key.path("/automations"));
        assertNot5xx(saved, "saving a wait of PT2562047788015215H");
        if (saved.statusCode() == 201) {
            assertNot5xx(s.key.req().body("{\"id\": \"d1\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"t\"]}")
                    .post(s.key.path("/events")), "an event that starts the automation");
        }
    }

    // ---- NUL characters, which PostgreSQL text cannot hold ----

    @Test
    void anAutomationNameWithANulCharacter() {
        School s = school();
        Response r = s.key.req().body("""
                {"name": "a\\u0000b", "triggers": [{"type": "user.signed_up"}], "actions": [{"type": "add_tags", "tags": ["x"]}]}""")
                .post(s.key.path("/automations"));
        assertNot5xx(r, "POST /automations with name \"a\\u0000b\"");
        if (r.statusCode() >= 400) {
            s.get("/automations").statusCode(200).body("items", org.hamcrest.Matchers.empty());
        }
    }

    @Test
    void idsWithANulCharacterInThePath() {
        School s = school();
        SoftAssertions soft = new SoftAssertions();
        for (String path : List.of("/automations/%00", "/users/%00", "/events/%00", "/courses/%00", "/spaces/%00",
                "/automations/%00/drl")) {
            Response r = RestAssured.given().urlEncodingEnabled(false).header("Authorization", "Bearer " + s.key.key())
                    .get(s.key.path(path));
            assertNot5xx(soft, r, "GET " + path);
        }
        Response put = RestAssured.given().urlEncodingEnabled(false).header("Authorization", "Bearer " + s.key.key())
                .contentType("application/json").body("{\"name\": \"x\", \"triggers\": [{\"type\": \"user.signed_up\"}], "
                        + "\"actions\": [{\"type\": \"add_tags\", \"tags\": [\"x\"]}]}")
                .put(s.key.path("/automations/%00"));
        assertNot5xx(soft, put, "PUT /automations/%00");
        soft.assertAll();
    }

    @Test
    void anEmailWhoseSubjectHasANulCharacter() {
        School s = school();
        Response saved = s.key.req().body("""
                {"name": "nul subject", "triggers": [{"type": "tags.added"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Hi\\u0000", "body": "b"}]}""")
                .post(s.key.path("/automations"));
        assertNot5xx(saved, "saving a subject with NUL");
        if (saved.statusCode() == 201) {
            assertNot5xx(s.key.req().body("{\"id\": \"n1\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"t\"]}")
                    .post(s.key.path("/events")), "an event that starts the automation");
        }
    }

    @Test
    void anEventFieldWithANulCharacterMergedIntoAnEmail() {
        School s = school();
        s.automation("""
                {"name": "merge", "triggers": [{"type": "tags.added"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Plan", "body": "Your plan: {event.fields.plan}"}]}""");
        assertNot5xx(s.key.req().body("""
                {"id": "n2", "type": "tags.added", "userId": "u1", "tags": ["t"], "fields": {"plan": "a\\u0000b"}}""")
                .post(s.key.path("/events")), "an event whose field plan is \"a\\u0000b\"");
    }

    // ---- an email subject longer than its column (VARCHAR(2000)) ----

    @Test
    void anEventFieldMergedIntoASubjectOverTwoThousandCharacters() {
        School s = school();
        s.automation("""
                {"name": "long subject", "triggers": [{"type": "tags.added"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Plan {event.fields.plan}", "body": "b"}]}""");
        assertNot5xx(s.key.req().body("{\"id\": \"l1\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"t\"], "
                        + "\"fields\": {\"plan\": \"" + "x".repeat(5_000) + "\"}}")
                .post(s.key.path("/events")), "an event whose 5,000-character field goes into the subject");
    }
}
