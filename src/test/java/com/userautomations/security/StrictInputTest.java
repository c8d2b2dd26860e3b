package com.userautomations.security;

import com.userautomations.support.Api;
import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

/**
 * The hardening issue's input defects, replayed through REST the way an attacker or a typo
 * would send them: each is refused with the field named, and nothing changes.
 */
@QuarkusTest
class StrictInputTest {

    // ---- 1. API keys are the operator's ----

    @Test
    void aSchoolKeyCannotCreateListOrRevokeKeysOfAnySchool() {
        School s = School.create("keys");
        School other = School.create("keys-other");
        String platformKey = Api.operator().post(s.key.path("/api-keys")).then().statusCode(201).extract().path("id");
        for (School target : List.of(s, other)) {
            s.key.req().post(target.key.path("/api-keys")).then().statusCode(401)
                    .contentType(startsWith("application/problem+json"));
            s.key.req().get(target.key.path("/api-keys")).then().statusCode(401);
            s.key.req().delete(target.key.path("/api-keys/" + platformKey)).then().statusCode(401);
        }
        s.key.req().post("/api/v1/schools/no-such-school/api-keys").then().statusCode(401);
        s.key.req().get("/api/v1/schools/no-such-school/api-keys").then().statusCode(401);
        // nothing was planted or revoked: the operator sees the first key and the platform's
        Api.operator().get(s.key.path("/api-keys")).then().statusCode(200).body("items", hasSize(2))
                .body("items.id", hasItem(platformKey)).body("items[0].createdAt", notNullValue())
                .body("items[0].apiKey", nullValue()).body("items[0].keyHash", nullValue());
        Api.operator().get("/api/v1/schools/no-such-school/api-keys").then().statusCode(404);
        Api.operator().delete(s.key.path("/api-keys/key_unknown")).then().statusCode(404);
    }

    @Test
    void keysSayWhenTheyWereLastUsedToTheMinute() {
        School s = School.create("lastused");
        Response issued = Api.operator().post(s.key.path("/api-keys"));
        String id = issued.path("id");
        String key = issued.path("apiKey");
        Api.operator().get(s.key.path("/api-keys")).then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.lastUsedAt", nullValue());
        Api.as(key).get(s.key.path("/courses")).then().statusCode(200);
        String used = Api.operator().get(s.key.path("/api-keys")).then().statusCode(200)
                .extract().path("items.find { it.id == '" + id + "' }.lastUsedAt");
        assertThat(used).isNotNull().matches(".*T\\d\\d:\\d\\d:00(\\.0+)?Z");
    }

    // ---- 2. unknown keys at every depth of every body ----

    @Test
    void misspeltKeysAreRefusedAtTheirPathAndSaveNothing() {
        School s = School.create("strict").course("c1", false);
        String[][] cases = {
                {"""
                 {"name": "x", "triggers": [{"type": "user.signed_up"}], "condition": {"type": "has_tags", "tags": ["a"]},
                  "actions": [{"type": "add_tags", "tags": ["t"]}]}""", "condition"},
                {"""
                 {"name": "x", "triggers": [{"type": "tags.added", "tagz": ["a"]}], "actions": [{"type": "add_tags", "tags": ["t"]}]}""",
                        "triggers[0].tagz"},
                {"""
                 {"name": "x", "triggers": [{"type": "user.signed_up"}],
                  "actions": [{"type": "wait", "duration": "PT1H", "unless": {"type": "has_tags", "tags": ["a"]}}, {"type": "add_tags", "tags": ["t"]}]}""",
                        "actions[0].unless"},
                {"""
                 {"name": "x", "triggers": [{"type": "user.signed_up"}],
                  "conditions": {"all": [{"type": "has_tags", "tags": ["a"]}, {"type": "has_tags", "tagz": ["b"]}]},
                  "actions": [{"type": "add_tags", "tags": ["t"]}]}""", "conditions.all[1].tagz"},
        };
        for (String[] c : cases) {
            s.key.req().body(c[0]).post(s.key.path("/automations")).then().statusCode(422)
                    .contentType(startsWith("application/problem+json"))
                    .body("errors.field", hasItem(c[1]));
        }
        s.get("/automations").statusCode(200).body("items", empty());

        // a user sync, a course, a PATCH, an event and its user, a school
        s.key.req().body("{\"email\": \"a@b.test\", \"tag\": [\"vip\"]}").put(s.key.path("/users/u1")).then()
                .statusCode(422).body("errors.field", hasItem("tag"));
        s.get("/users/u1").statusCode(404);
        s.key.req().body("{\"title\": \"T\", \"payd\": true}").put(s.key.path("/courses/c2")).then()
                .statusCode(422).body("errors.field", hasItem("payd"));
        s.get("/courses/c2").statusCode(404);
        s.key.req().body("{\"id\": \"e1\", \"type\": \"user.signed_up\", \"userId\": \"u1\", \"user\": {\"email\": \"a@b.test\", \"role\": \"admin\"}}")
                .post(s.key.path("/events")).then().statusCode(422).body("errors.field", hasItem("user.role"));
        s.key.req().body("{\"id\": \"e1\", \"type\": \"user.signed_up\", \"userId\": \"u1\", \"source\": \"automation:x\", \"user\": {\"email\": \"a@b.test\"}}")
                .post(s.key.path("/events")).then().statusCode(422).body("errors.field", hasItem("source"));
        s.get("/events/e1").statusCode(404);
        s.get("/users/u1").statusCode(404);
        Api.operator().body(Map.of("id", "strict-typo", "name", "x", "adminEmail", List.of("a@b.test")))
                .post("/api/v1/schools").then().statusCode(422).body("errors.field", hasItem("adminEmail"));
        Api.operator().get("/api/v1/schools/strict-typo").then().statusCode(404);
    }

    @Test
    void inABatchAnUnknownKeyIsThatEventsResult() {
        School s = School.create("strictbatch").user("u1", Map.of("email", "u1@x.test"));
        s.key.req().body("""
                {"events": [{"id": "b1", "type": "tags.added", "userId": "u1", "tags": ["a"]},
                            {"id": "b2", "type": "tags.added", "userId": "u1", "tagz": ["b"]}]}""")
                .post(s.key.path("/events:batch")).then().statusCode(200)
                .body("results[0].eventId", equalTo("b1"))
                .body("results[1].status", equalTo(422)).body("results[1].errors.field", hasItem("tagz"));
        s.get("/events/b2").statusCode(404);
        assertThat(s.tags("u1")).containsExactly("a");
        s.key.req().body("{\"events\": [], \"mode\": \"fast\"}").post(s.key.path("/events:batch")).then()
                .statusCode(422).body("errors.field", hasItem("mode"));
    }

    @Test
    void readOnlyKeysInAPutMustEqualTheStoredOnes() {
        School s = School.create("readonly");
        String a = s.automation("""
                {"name": "A", "triggers": [{"type": "user.signed_up"}], "actions": [{"type": "add_tags", "tags": ["t"]}]}""");
        Map<String, Object> stored = s.get("/automations/" + a).statusCode(200).extract().as(Map.class);
        // what a client read may go back as it is
        s.key.req().body(stored).put(s.key.path("/automations/" + a)).then().statusCode(200).body("version", equalTo(2));
        s.key.req().body(Map.of("name", "A", "version", 7, "triggers", List.of(Map.of("type", "user.signed_up")),
                "actions", List.of(Map.of("type", "add_tags", "tags", List.of("t"))))).put(s.key.path("/automations/" + a))
                .then().statusCode(422).body("errors.field", hasItem("version"));
        s.get("/automations/" + a).statusCode(200).body("version", equalTo(2));
        s.key.req().body(Map.of("id", "aut_mine", "name", "B", "triggers", List.of(Map.of("type", "user.signed_up")),
                "actions", List.of(Map.of("type", "add_tags", "tags", List.of("t"))))).post(s.key.path("/automations"))
                .then().statusCode(422).body("errors.field", hasItem("id"));
    }

    @Test
    void unknownOrRepeatedQueryParametersAreRefused() {
        School s = School.create("query");
        s.key.req().get(s.key.path("/users?limt=5")).then().statusCode(422).body("errors[0].field", equalTo("limt"));
        s.key.req().get(s.key.path("/users?limit=0")).then().statusCode(422).body("errors[0].field", equalTo("limit"));
        s.key.req().get(s.key.path("/runs?limit=1&limit=2")).then().statusCode(422).body("errors[0].field", equalTo("limit"));
        s.key.req().get(s.key.path("/automations?status=active")).then().statusCode(422);
        s.key.req().get(s.key.path("/runs?userId=u1&limit=5")).then().statusCode(200);
    }

    // ---- 4. sizes are counted on the bytes read ----

    @Test
    void chunkedBodiesOverTheLimitAre413AndStoreNothing() throws IOException {
        School s = School.create("chunked").user("u1", Map.of("email", "u1@x.test"));
        String pad = "x".repeat(5 * 1024 * 1024);
        byte[] event = ("{\"id\": \"big\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"a\"], "
                + "\"fields\": {\"pad\": \"" + pad + "\"}}").getBytes(StandardCharsets.UTF_8);
        assertThat(chunked("POST", s.key.path("/events"), s.key.key(), event)).isEqualTo(413);
        s.get("/events/big").statusCode(404);
        assertThat(s.tags("u1")).isEmpty();

        byte[] drl = ("package rules.big;\n// " + "y".repeat(3 * 1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8);
        assertThat(chunked("PUT", "/api/v1/rules/schools/" + s.id() + "/big.drl", Api.OPERATOR, drl)).isEqualTo(413);
        Api.operator().get("/api/v1/rules/schools/" + s.id() + "/big.drl").then().statusCode(404);
    }

    /** Sends a body with Transfer-Encoding: chunked (no Content-Length) and answers the status. */
    private static int chunked(String method, String path, String token, byte[] body) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + RestAssured.port + path).toURL()
                .openConnection();
        c.setRequestMethod(method);
        c.setDoOutput(true);
        c.setChunkedStreamingMode(64 * 1024);
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setRequestProperty("Content-Type", "application/json");
        try (OutputStream out = c.getOutputStream(); InputStream in = new ByteArrayInputStream(body)) {
            in.transferTo(out);
        } catch (IOException refusedMidway) {
            // the server may answer and close before the whole body is sent
        }
        int status = c.getResponseCode();
        c.disconnect();
        return status;
    }

    // ---- 6. one email rule, form leads included ----

    @Test
    void formLeadsGetTheSameEmailAndNameRulesAsUserSyncs() {
        School s = School.create("leads");
        String[] bad = {"a@b.test\r\nX-Forged: 1", "a@b.test, c@d.test", "Ann <a@b.test>", "a@b@c", "\"a b\"@c.test", " a@b.test"};
        int i = 0;
        for (String email : bad) {
            String id = "f" + i++;
            s.key.req().body(Map.of("id", id, "type", "form.submitted", "formId", "ebook", "fields", Map.of("email", email)))
                    .post(s.key.path("/events")).then().statusCode(422).body("errors.field", hasItem("fields.email"));
            s.get("/events/" + id).statusCode(404);
            s.key.req().body(Map.of("email", email)).put(s.key.path("/users/x" + i)).then().statusCode(422)
                    .body("errors.field", hasItem("email"));
        }
        s.key.req().body(Map.of("id", "f-name", "type", "form.submitted", "formId", "ebook",
                        "fields", Map.of("email", "ok@b.test", "firstName", "Ann\nINFO forged")))
                .post(s.key.path("/events")).then().statusCode(422).body("errors.field", hasItem("fields.firstName"));
        s.get("/users").statusCode(200).body("items", empty());
        s.key.req().body(Map.of("id", "f-ok", "type", "form.submitted", "formId", "ebook", "fields", Map.of("email", "ok@b.test")))
                .post(s.key.path("/events")).then().statusCode(202);
        s.get("/users").statusCode(200).body("items", hasSize(1)).body("items[0].email", equalTo("ok@b.test"));
    }

    // ---- 7. list sizes, tags per user, automations per school ----

    @Test
    void listsOverAHundredItemsAndUsersOverAThousandTagsAreRefused() {
        School s = School.create("limits").user("u1", Map.of("email", "u1@x.test"));
        List<String> many = java.util.stream.IntStream.range(0, 101).mapToObj(n -> "t" + n).toList();
        s.key.req().body(Map.of("name", "x", "triggers", List.of(Map.of("type", "tags.added", "tags", many)),
                        "actions", List.of(Map.of("type", "add_tags", "tags", List.of("y")))))
                .post(s.key.path("/automations")).then().statusCode(422).body("errors.field", hasItem("triggers[0].tags"));
        s.key.req().body(Map.of("name", "x", "triggers", List.of(Map.of("type", "user.signed_up")),
                        "actions", List.of(Map.of("type", "add_tags", "tags", many))))
                .post(s.key.path("/automations")).then().statusCode(422).body("errors.field", hasItem("actions[0].tags"));
        s.get("/automations").statusCode(200).body("items", empty());

        List<String> thousand = java.util.stream.IntStream.range(0, 1000).mapToObj(n -> "k" + n).toList();
        List<String> thousandAndOne = java.util.stream.IntStream.range(0, 1001).mapToObj(n -> "k" + n).toList();
        s.key.req().body(Map.of("email", "u1@x.test", "tags", thousandAndOne)).put(s.key.path("/users/u1")).then()
                .statusCode(422).body("errors.field", hasItem("tags"));
        assertThat(s.tags("u1")).isEmpty();
        s.key.req().body(Map.of("email", "u1@x.test", "tags", thousand)).put(s.key.path("/users/u1")).then().statusCode(200);
        s.key.req().body(Map.of("id", "over", "type", "tags.added", "userId", "u1", "tags", List.of("one-more")))
                .post(s.key.path("/events")).then().statusCode(422).body("errors.field", hasItem("tags"));
        s.get("/events/over").statusCode(404);
        assertThat(s.tags("u1")).hasSize(1000).doesNotContain("one-more");
    }

    // ---- 12. text is kept exactly or refused ----

    @Test
    void textThatCannotBeKeptExactlyIsRefusedNeverAltered() throws IOException {
        School s = School.create("exact").user("u1", Map.of("email", "u1@x.test"));
        // a lone surrogate: 400, nothing stored
        s.key.req().body("{\"id\": \"ls\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"\\ud800\"]}")
                .post(s.key.path("/events")).then().statusCode(400).contentType(startsWith("application/problem+json"));
        s.get("/events/ls").statusCode(404);
        // overlong UTF-8 (C0 AF is '/' spelt in two bytes): 400
        byte[] overlong = concat("{\"id\": \"ol\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"]}".getBytes(StandardCharsets.UTF_8));
        s.key.req().body(overlong).post(s.key.path("/events")).then().statusCode(400);
        s.get("/events/ol").statusCode(404);
        assertThat(s.tags("u1")).isEmpty();
        // a number no store keeps as sent: 422 at its path
        s.key.req().body("{\"id\": \"inf\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"a\"], \"fields\": {\"n\": 1e999999999}}")
                .post(s.key.path("/events")).then().statusCode(422).body("errors.field", hasItem("fields.n"));
        s.get("/events/inf").statusCode(404);
        s.key.req().body("{\"email\": \"u1@x.test\", \"fields\": {\"score\": 1e999999999}}").put(s.key.path("/users/u1"))
                .then().statusCode(422).body("errors.field", hasItem("fields.score"));
        // a decimal is kept as sent, not rounded to a double
        s.key.req().body("{\"email\": \"u1@x.test\", \"fields\": {\"score\": 0.1000000000000000000001}}").put(s.key.path("/users/u1"))
                .then().statusCode(200);
        assertThat(s.get("/users/u1").extract().asString()).contains("0.1000000000000000000001");
        // lengths count code points: 100 emoji are a valid tag, in events and automations alike
        String hundred = "🎓".repeat(100);
        s.key.req().body(Map.of("id", "cp", "type", "tags.added", "userId", "u1", "tags", List.of(hundred)))
                .post(s.key.path("/events")).then().statusCode(202);
        assertThat(s.tags("u1")).containsExactly(hundred);
        s.automation("{\"name\": \"cp\", \"triggers\": [{\"type\": \"tags.added\", \"tags\": [\"" + hundred + "\"]}], "
                + "\"actions\": [{\"type\": \"remove_tags\", \"tags\": [\"" + hundred + "\"]}]}");
        s.key.req().body(Map.of("id", "cp2", "type", "tags.added", "userId", "u1", "tags", List.of("🎓".repeat(101))))
                .post(s.key.path("/events")).then().statusCode(422);
        // ids "." and ".." cannot be addressed in a path: refused everywhere
        s.key.req().body(Map.of("id", "..", "type", "tags.added", "userId", "u1", "tags", List.of("a")))
                .post(s.key.path("/events")).then().statusCode(422).body("errors.field", hasItem("id"));
        s.key.req().body(Map.of("id", "dot", "type", "tags.added", "userId", ".", "tags", List.of("a")))
                .post(s.key.path("/events")).then().statusCode(422).body("errors.field", hasItem("userId"));
        Api.operator().body(Map.of("id", "..", "name", "x")).post("/api/v1/schools").then().statusCode(422)
                .body("errors.field", hasItem("id"));
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    @Test
    void problemsAreTitledWithTheStatusPhrase() {
        School s = School.create("titles");
        s.key.req().body("{\"name\": 1}").post(s.key.path("/automations")).then().statusCode(422)
                .body("type", equalTo("about:blank")).body("title", equalTo("Unprocessable Content"));
        s.key.req().body("{").post(s.key.path("/automations")).then().statusCode(400).body("title", equalTo("Bad Request"));
        s.key.req().body("{\"a\": 1, \"a\": 2}").post(s.key.path("/automations")).then().statusCode(400)
                .body("detail", containsString("twice"));
        s.get("/automations/nope").statusCode(404).body("title", equalTo("Not Found"));
    }
}
