package com.userautomations.webhooks;

import com.userautomations.common.JsonBodies;
import com.userautomations.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

/** Strict bodies, the events list, the URL rules, hostile strings and tenancy, through REST. */
@QuarkusTest
class WebhookInputTest {
    private static final String URL = "https://hooks.example.com/in";

    private static Response post(Api.SchoolKey s, String json) {
        return s.req().body(json).post(s.path("/webhooks"));
    }

    private static void refused(Response r, String field) {
        r.then().statusCode(422).contentType(startsWith("application/problem+json")).body("errors.field", contains(field));
    }

    @Test
    void unknownKeysAreRefusedAtTheirPath() {
        Api.SchoolKey s = Api.newSchool("whin");
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": [\"*\"], \"secret\": \"whsec_AAAA\"}"), "secret");
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": [\"*\"], \"evnets\": []}"), "evnets");
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": [{\"type\": \"tags.added\"}]}"), "events[0]");
        String id = post(s, "{\"url\": \"" + URL + "\", \"events\": [\"*\"], \"description\": null}").then().statusCode(201)
                .body("description", equalTo(null)).extract().path("id");
        // an unknown key is refused even when null
        s.req().body("{\"status\": \"enabled\", \"disabledReason\": null, \"id\": \"x\"}").patch(s.path("/webhooks/" + id))
                .then().statusCode(422).body("errors.field", containsInAnyOrder("id", "disabledReason"));
        refused(s.req().body("{\"status\": \"paused\"}").patch(s.path("/webhooks/" + id)), "status");
        s.req().body("{\"url\": \"" + URL + "\", \"url\": \"" + URL + "\", \"events\": [\"*\"]}").post(s.path("/webhooks"))
                .then().statusCode(400);
        s.req().body("not json").post(s.path("/webhooks")).then().statusCode(400);
        // nothing refused was stored, and the one endpoint is unchanged
        s.req().get(s.path("/webhooks")).then().statusCode(200).body("items.id", contains(id)).body("items[0].status", equalTo("enabled"));
    }

    @Test
    void requiredKeysAndBadEventsLists() {
        Api.SchoolKey s = Api.newSchool("whin");
        post(s, "{}").then().statusCode(422).body("errors.field", containsInAnyOrder("url", "events"));
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": null}"), "events");
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": []}"), "events");
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": \"tags.added\"}"), "events");
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": [\"tags.added\", \"nope\"]}"), "events[1]");
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": [\"tags.added\", \"tags.added\"]}"), "events[1]");
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": [\"webhook.ping\"]}"), "events[0]");
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": [\"*\", \"tags.added\"]}"), "events[0]");
        post(s, "{\"url\": \"" + URL + "\", \"events\": [\"*\", \"*\"]}").then().statusCode(422)
                .body("errors.field", contains("events[0]", "events[1]"));
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": [\"Tags.Added\"]}"), "events[0]");
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": [7]}"), "events[0]");
        s.req().get(s.path("/webhooks")).then().statusCode(200).body("items", empty());
        // every subscribable type at once is fine, in the order given
        List<String> everyType = new ArrayList<>();
        for (WebhookEventType t : WebhookEventType.values()) {
            if (t.subscribable()) {
                everyType.add(0, t.wireName());
            }
        }
        String id = s.req().body(Map.of("url", URL, "events", everyType)).post(s.path("/webhooks")).then().statusCode(201)
                .body("events", contains(everyType.toArray())).extract().path("id");
        refused(s.req().body("{\"events\": []}").patch(s.path("/webhooks/" + id)), "events");
        s.req().get(s.path("/webhooks/" + id)).then().body("events", contains(everyType.toArray()));
    }

    @Test
    void urlsFollowTheRulesAtSave() {
        Api.SchoolKey s = Api.newSchool("whin");
        for (String bad : List.of("http://hooks.example.com/in", "https://10.0.0.1/x", "hooks.example.com/in",
                "https://user:pw@hooks.example.com/in", "https://hooks.example.com/in#part",
                "https://hooks.example.com/" + "a".repeat(2048), "", "ftp://hooks.example.com/")) {
            Response r = s.req().body(Map.of("url", bad, "events", List.of("*"))).post(s.path("/webhooks"));
            refused(r, "url");
            String message = r.path("errors[0].message");
            assertThat(message).doesNotContain("Exception", "10.0.0.1", "hooks.example.com");
        }
        refused(post(s, "{\"url\": 42, \"events\": [\"*\"]}"), "url");
        refused(post(s, "{\"url\": \"https://hooks.example.com/in\\nX-Evil: 1\", \"events\": [\"*\"]}"), "url");
        String id = post(s, "{\"url\": \"" + URL + "\", \"events\": [\"*\"]}").then().statusCode(201).extract().path("id");
        refused(s.req().body(Map.of("url", "https://10.0.0.1/x")).patch(s.path("/webhooks/" + id)), "url");
        s.req().get(s.path("/webhooks/" + id)).then().body("url", equalTo(URL));
        s.req().get(s.path("/webhooks")).then().body("items.size()", equalTo(1));
    }

    @Test
    void hostileStringsAreKeptAsData() {
        Api.SchoolKey s = Api.newSchool("whin");
        List<String> hostile = List.of("quote\" and 'single'", "\"); System.exit(1); //", "${java.lang.Runtime}", "#{1+1}",
                "back\\slash \\u0041", "ταγ ✓ 🎓 中文", "' OR 1=1 --", "%s %n {user.firstName}", "<script>alert(1)</script>",
                "'; DROP TABLE webhook_endpoints; --");
        for (String h : hostile) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", URL + "?q=" + java.net.URLEncoder.encode(h, java.nio.charset.StandardCharsets.UTF_8));
            body.put("events", List.of("*"));
            body.put("description", h);
            String id = s.req().body(JsonBodies.write(body)).post(s.path("/webhooks")).then().statusCode(201)
                    .body("description", equalTo(h)).body("url", equalTo(body.get("url"))).extract().path("id");
            s.req().get(s.path("/webhooks/" + id)).then().statusCode(200).body("description", equalTo(h))
                    .body("url", equalTo(body.get("url")));
            s.req().delete(s.path("/webhooks/" + id)).then().statusCode(204);
        }
        // a hostile URL as sent: stored verbatim if the rules take it, else refused at url; never an error of ours
        for (String h : hostile) {
            Response r = s.req().body(JsonBodies.write(Map.of("url", URL + "/" + h, "events", List.of("*")))).post(s.path("/webhooks"));
            assertThat(r.statusCode()).as(h).isIn(201, 422);
            if (r.statusCode() == 201) {
                assertThat(r.<String>path("url")).isEqualTo(URL + "/" + h);
                s.req().delete(s.path("/webhooks/" + r.path("id"))).then().statusCode(204);
            } else {
                assertThat(r.<List<String>>path("errors.field")).containsExactly("url");
            }
        }
        refused(post(s, "{\"url\": \"" + URL + "\", \"events\": [\"*\"], \"description\": \"line\\u0007bell\"}"), "description");
        refused(s.req().body(JsonBodies.write(Map.of("url", URL, "events", List.of("*"), "description", "d".repeat(501))))
                .post(s.path("/webhooks")), "description");
        s.req().get(s.path("/webhooks")).then().statusCode(200).body("items", empty());
    }

    @Test
    void anotherSchoolsKeyGets404AndChangesNothing() {
        Api.SchoolKey victim = Api.newSchool("whv");
        Api.SchoolKey attacker = Api.newSchool("wha");
        var created = post(victim, "{\"url\": \"" + URL + "\", \"events\": [\"tags.added\"], \"description\": \"mine\"}")
                .then().statusCode(201).extract();
        String id = created.path("id");
        String attackersOwn = post(attacker, "{\"url\": \"" + URL + "\", \"events\": [\"*\"]}").then().statusCode(201).extract().path("id");

        String patch = "{\"url\": \"https://evil.example.com/x\", \"status\": \"disabled\"}";
        for (var call : List.of(
                attacker.req().when().get(victim.path("/webhooks")),
                attacker.req().when().get(victim.path("/webhooks/" + id)),
                attacker.req().body(patch).patch(victim.path("/webhooks/" + id)),
                attacker.req().delete(victim.path("/webhooks/" + id)),
                attacker.req().post(victim.path("/webhooks/" + id + ":rotate-secret")),
                attacker.req().body("{\"url\": \"" + URL + "\", \"events\": [\"*\"]}").post(victim.path("/webhooks")))) {
            call.then().statusCode(404).contentType(startsWith("application/problem+json"));
        }
        // its own school's path with the victim's endpoint id: no such endpoint there
        attacker.req().get(attacker.path("/webhooks/" + id)).then().statusCode(404);
        attacker.req().body(patch).patch(attacker.path("/webhooks/" + id)).then().statusCode(404);
        attacker.req().delete(attacker.path("/webhooks/" + id)).then().statusCode(404);
        attacker.req().post(attacker.path("/webhooks/" + id + ":rotate-secret")).then().statusCode(404);
        attacker.req().get(attacker.path("/webhooks")).then().body("items.id", contains(attackersOwn));
        RestAssured.given().get(victim.path("/webhooks/" + id)).then().statusCode(401);
        Api.as("ua_not-a-key").get(victim.path("/webhooks")).then().statusCode(401);

        victim.req().get(victim.path("/webhooks/" + id)).then().statusCode(200).body("url", equalTo(URL))
                .body("status", equalTo("enabled")).body("description", equalTo("mine"));
        victim.req().get(victim.path("/webhooks")).then().body("items.id", contains(id));
    }
}
