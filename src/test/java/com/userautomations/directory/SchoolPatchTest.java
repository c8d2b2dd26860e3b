package com.userautomations.directory;

import com.userautomations.support.Api;
import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

/** PATCH /schools/{s}: a merge patch of the school's settings, send window and frequency cap included. */
@QuarkusTest
class SchoolPatchTest {

    private static ValidatableResponse patch(String token, String schoolId, String json) {
        return Api.as(token).body(json).patch("/api/v1/schools/" + schoolId).then();
    }

    private static ValidatableResponse get(String schoolId) {
        return Api.operator().get("/api/v1/schools/" + schoolId).then().statusCode(200);
    }

    @Test
    void aMergePatchChangesWhatItCarriesAndNullSwitchesOff() {
        School s = School.create("patch");
        get(s.id()).body("sendWindow", nullValue()).body("frequencyCap", nullValue());

        patch(s.key.key(), s.id(), """
                {"sendWindow": {"start": "09:00", "end": "17:00", "days": ["fri", "mon"]},
                 "frequencyCap": {"max": 2, "per": "P1D"}}""").statusCode(200)
                .body("sendWindow.start", equalTo("09:00")).body("sendWindow.end", equalTo("17:00"))
                .body("sendWindow.days", contains("mon", "fri"))
                .body("frequencyCap.max", equalTo(2)).body("frequencyCap.per", equalTo("P1D"))
                .body("name", equalTo("School " + s.id())).body("timezone", equalTo("Europe/Athens"));

        // an object merges into the stored one; a null inside it removes that key (days: all)
        patch(Api.OPERATOR, s.id(), """
                {"name": "Renamed", "sendWindow": {"end": "18:30", "days": null}}""").statusCode(200);
        get(s.id()).body("name", equalTo("Renamed")).body("sendWindow.start", equalTo("09:00"))
                .body("sendWindow.end", equalTo("18:30"))
                .body("sendWindow.days", contains("mon", "tue", "wed", "thu", "fri", "sat", "sun"))
                .body("frequencyCap.max", equalTo(2))
                .body("adminEmails", contains(s.adminEmail(0), s.adminEmail(1)))
                .body("fromEmail", equalTo("school@" + s.id() + ".test"));

        patch(s.key.key(), s.id(), """
                {"frequencyCap": null, "fromEmail": null, "adminEmails": ["new@x.test"], "timezone": "Asia/Tokyo"}""")
                .statusCode(200);
        get(s.id()).body("frequencyCap", nullValue()).body("fromEmail", nullValue())
                .body("adminEmails", contains("new@x.test")).body("timezone", equalTo("Asia/Tokyo"))
                .body("sendWindow.end", equalTo("18:30"));

        patch(s.key.key(), s.id(), """
                {"sendWindow": null, "timezone": null}""").statusCode(200);
        get(s.id()).body("sendWindow", nullValue()).body("timezone", equalTo("UTC"));
        // an empty patch changes nothing
        patch(s.key.key(), s.id(), "{}").statusCode(200).body("name", equalTo("Renamed"));
    }

    @Test
    void everyInvalidValueIsA422AtItsFieldAndChangesNothing() {
        School s = School.create("patch");
        String[][] cases = {
                {"{\"id\": \"other\"}", "id"},
                {"{\"name\": null}", "name"},
                {"{\"name\": \"\"}", "name"},
                {"{\"timezone\": \"Mars/Olympus\"}", "timezone"},
                {"{\"adminEmails\": [\"not-an-address\"]}", "adminEmails[0]"},
                {"{\"fromEmail\": \"nope\"}", "fromEmail"},
                {"{\"sendWindow\": \"09-17\"}", "sendWindow"},
                {"{\"sendWindow\": {\"end\": \"17:00\"}}", "sendWindow.start"},
                {"{\"sendWindow\": {\"start\": \"9:00\", \"end\": \"17:00\"}}", "sendWindow.start"},
                {"{\"sendWindow\": {\"start\": \"09:00\", \"end\": \"24:01\"}}", "sendWindow.end"},
                {"{\"sendWindow\": {\"start\": \"17:00\", \"end\": \"09:00\"}}", "sendWindow.end"},
                {"{\"sendWindow\": {\"start\": \"09:00\", \"end\": \"09:00\"}}", "sendWindow.end"},
                {"{\"sendWindow\": {\"start\": \"09:00\", \"end\": \"17:00\", \"days\": []}}", "sendWindow.days"},
                {"{\"sendWindow\": {\"start\": \"09:00\", \"end\": \"17:00\", \"days\": [\"mon\", \"mon\"]}}", "sendWindow.days"},
                {"{\"sendWindow\": {\"start\": \"09:00\", \"end\": \"17:00\", \"days\": [\"Monday\"]}}", "sendWindow.days[0]"},
                {"{\"sendWindow\": {\"start\": \"09:00\", \"end\": \"17:00\", \"hours\": 8}}", "sendWindow.hours"},
                {"{\"frequencyCap\": {\"per\": \"P1D\"}}", "frequencyCap.max"},
                {"{\"frequencyCap\": {\"max\": 0, \"per\": \"P1D\"}}", "frequencyCap.max"},
                {"{\"frequencyCap\": {\"max\": 1001, \"per\": \"P1D\"}}", "frequencyCap.max"},
                {"{\"frequencyCap\": {\"max\": 1.5, \"per\": \"P1D\"}}", "frequencyCap.max"},
                {"{\"frequencyCap\": {\"max\": 2, \"per\": \"PT59M\"}}", "frequencyCap.per"},
                {"{\"frequencyCap\": {\"max\": 2, \"per\": \"P31D\"}}", "frequencyCap.per"},
                {"{\"frequencyCap\": {\"max\": 2, \"per\": \"daily\"}}", "frequencyCap.per"},
                {"{\"frequencyCap\": {\"max\": 2}}", "frequencyCap.per"},
                {"{\"rulesVersion\": 7}", "rulesVersion"},
        };
        for (String[] c : cases) {
            // with a valid change beside it, which is not applied either
            String valid = c[0].contains("\"name\"") ? "\"fromEmail\": \"changed@x.test\", " : "\"name\": \"Changed\", ";
            patch(s.key.key(), s.id(), "{" + valid + c[0].substring(1)).statusCode(422)
                    .contentType("application/problem+json").body("errors.field", hasItem(c[1]));
        }
        get(s.id()).body("name", equalTo("School " + s.id())).body("sendWindow", nullValue())
                .body("frequencyCap", nullValue()).body("timezone", equalTo("Europe/Athens"))
                .body("fromEmail", equalTo("school@" + s.id() + ".test"));
        patch(s.key.key(), s.id(), "{\"name\": ").statusCode(400);
    }

    @Test
    void aSchoolKeyPatchesOnlyItsOwnSchool() {
        School mine = School.create("patch");
        School other = School.create("patch");
        patch(mine.key.key(), other.id(), "{\"name\": \"Taken over\"}").statusCode(404);
        patch(mine.key.key(), "no-such-school", "{\"name\": \"x\"}").statusCode(404);
        patch("not-a-key", mine.id(), "{\"name\": \"x\"}").statusCode(401);
        patch(Api.OPERATOR, "no-such-school", "{\"name\": \"x\"}").statusCode(404);
        get(other.id()).body("name", equalTo("School " + other.id()));
    }

    @Test
    void injectionStringsAreDataOrRefused() {
        School s = School.create("patch");
        for (String text : List.of("'; DROP TABLE schools; --", "\" OR 1=1 --", "<script>alert(1)</script>",
                "{user.firstName} %s ταγ 🎓")) {
            patch(s.key.key(), s.id(), "{\"name\": " + json(text) + "}").statusCode(200).body("name", equalTo(text));
            get(s.id()).body("name", equalTo(text));
            patch(s.key.key(), s.id(), "{\"timezone\": " + json(text) + "}").statusCode(422)
                    .body("errors[0].field", equalTo("timezone"));
            patch(s.key.key(), s.id(), "{\"frequencyCap\": {\"max\": 1, \"per\": " + json(text) + "}}").statusCode(422)
                    .body("errors[0].field", equalTo("frequencyCap.per"));
        }
        get(s.id()).body("timezone", equalTo("Europe/Athens")).body("frequencyCap", nullValue());
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
