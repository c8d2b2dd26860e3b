package com.userautomations.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.automation.DefinitionJson;
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
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The strictness of issue 10 as properties over generated documents, through REST on
 * PostgreSQL: a valid automation, event, batch or user with one key misspelt or added at a
 * random depth is a 422 naming exactly that key's path, and stores nothing; a body over its
 * limit, sent with a Content-Length or chunked, is a 413 problem and stores nothing, whatever
 * endpoint it goes to. Seeded like the other fuzz tests ({@code -Dfuzz.seed=N}).
 */
@QuarkusTest
class StrictFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261128L) + 200;
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** Keys whose objects take any keys (API.md: free-form maps). */
    private static final List<String> FREE_FORM = List.of("fields", "payload");

    // ---- one key misspelt or added, at any depth ----

    @Test
    void aMisspeltOrUnknownKeyAtAnyDepthIsRefusedAtItsPath() {
        FuzzGen g = new FuzzGen(SEED);
        Documents docs = new Documents(g, () -> g.pick("c1", "c2"), () -> "s1");
        School s = setUp("strictfuzz");
        Failures failures = new Failures("StrictFuzzTest keys, seed " + SEED);
        String automations = s.get("/automations").extract().asString();
        for (int i = 0; i < 60; i++) {
            ObjectNode definition = DefinitionJson.toJson(docs.definition());
            String path = misspell(g, definition);
            Response r = s.key.req().body(bytes(definition)).post(s.key.path("/automations"));
            expectRefusedAt(r, path, "POST /automations " + Failures.shorten(definition.toString(), 800), failures);
        }
        if (!s.get("/automations").extract().asString().equals(automations)) {
            failures.add("a refused automation was stored", "POST /automations");
        }

        String u1 = s.get("/users/u1").extract().asString();
        for (int i = 0; i < 60; i++) {
            ObjectNode event = docs.event("sf-" + i, List.of("u1"), List.of("c1", "c2"));
            String path = misspell(g, event);
            Response r = s.key.req().body(bytes(event)).post(s.key.path("/events"));
            String request = "POST /events " + Failures.shorten(event.toString(), 800);
            expectRefusedAt(r, path, request, failures);
            if (s.get("/events/sf-" + i).extract().statusCode() != 404) {
                failures.add("a refused event was stored", request);
            }
        }
        for (int i = 0; i < 15; i++) {
            ArrayNode events = FuzzGen.NODES.arrayNode();
            int bad = g.between(0, 2);
            String path = null;
            for (int k = 0; k < 3; k++) {
                ObjectNode e = docs.event("sfb-" + i + "-" + k, List.of("u1"), List.of("c1", "c2"));
                if (k == bad) {
                    path = misspell(g, e);
                }
                events.add(e);
            }
            ObjectNode batch = FuzzGen.NODES.objectNode().set("events", events);
            String request = "POST /events:batch " + Failures.shorten(batch.toString(), 1_200);
            Response r = s.key.req().body(bytes(batch)).post(s.key.path("/events:batch"));
            if (r.statusCode() != 200) {
                failures.add("a batch with one misspelt event answered " + r.statusCode() + ": " + r.asString(), request);
                continue;
            }
            JsonNode result = read(r.asString()).path("results").path(bad);
            if (result.path("status").asInt() != 422 || !fields(result).contains(path)) {
                failures.add("batch event " + bad + " with " + path + " answered " + result, request);
            }
            if (s.get("/events/sfb-" + i + "-" + bad).extract().statusCode() != 404) {
                failures.add("a refused batch event was stored", request);
            }
        }
        if (!s.get("/users/u1").extract().asString().equals(u1)) {
            // the valid events of the batches ran; compare only what the refused ones could touch
            u1 = s.get("/users/u1").extract().asString();
        }

        for (int i = 0; i < 40; i++) {
            ObjectNode user = docs.user(false);
            user.put("email", "sync" + i + "@x.test");
            String path = misspell(g, user);
            Response r = s.key.req().body(bytes(user)).put(s.key.path("/users/sync" + i));
            String request = "PUT /users/sync" + i + " " + Failures.shorten(user.toString(), 800);
            expectRefusedAt(r, path, request, failures);
            if (s.get("/users/sync" + i).extract().statusCode() != 404) {
                failures.add("a refused user sync stored the user", request);
            }
        }
        if (!s.get("/users/u1").extract().asString().equals(u1)) {
            failures.add("a refused request changed u1", "user syncs");
        }
        failures.assertNone();
    }

    /**
     * Renames one key of a random object (not inside a free-form map) to a near miss, or adds an
     * unknown key there, and answers the JSON path the service must name.
     */
    static String misspell(FuzzGen g, ObjectNode root) {
        List<Object[]> objects = new ArrayList<>();
        collect(root, "", objects);
        Object[] chosen = g.pick(objects);
        ObjectNode o = (ObjectNode) chosen[0];
        String at = (String) chosen[1];
        List<String> keys = new ArrayList<>();
        o.fieldNames().forEachRemaining(keys::add);
        String name;
        if (!keys.isEmpty() && g.chance(70)) {
            String key = g.pick(keys);
            name = g.chance(50) || !Character.isLowerCase(key.charAt(0))
                    ? key + "z" : Character.toUpperCase(key.charAt(0)) + key.substring(1);
            LinkedFields.rename(o, key, name);
        } else {
            name = g.pick("unless", "condition", "tagz", "filter", "when", "x");
            if (o.has(name)) {
                name = name + "z";
            }
            o.put(name, g.chance(50) ? FuzzGen.NODES.textNode("v") : FuzzGen.NODES.arrayNode().add("v"));
        }
        return at.isEmpty() ? name : at + "." + name;
    }

    private static void collect(JsonNode node, String at, List<Object[]> out) {
        if (node instanceof ObjectNode o) {
            out.add(new Object[] {o, at});
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!FREE_FORM.contains(e.getKey())) {
                    collect(e.getValue(), at.isEmpty() ? e.getKey() : at + "." + e.getKey(), out);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                collect(a.get(i), at + "[" + i + "]", out);
            }
        }
    }

    /** Keeps the key order when renaming, so the document differs from the valid one only by the name. */
    private static final class LinkedFields {
        static void rename(ObjectNode o, String from, String to) {
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            o.fields().forEachRemaining(entries::add);
            o.removeAll();
            for (Map.Entry<String, JsonNode> e : entries) {
                o.set(e.getKey().equals(from) ? to : e.getKey(), e.getValue());
            }
        }
    }

    private static void expectRefusedAt(Response r, String path, String request, Failures failures) {
        String said = r.statusCode() + " " + Failures.shorten(r.asString(), 800);
        if (r.statusCode() != 422 || r.contentType() == null || !r.contentType().startsWith("application/problem+json")) {
            failures.add("expected a 422 problem at " + path + ", got " + said, request);
        } else if (!fields(read(r.asString())).contains(path)) {
            failures.add("the 422 does not name " + path + ": " + said, request);
        }
    }

    private static List<String> fields(JsonNode problem) {
        List<String> out = new ArrayList<>();
        problem.path("errors").forEach(e -> out.add(e.path("field").asText()));
        return out;
    }

    // ---- bodies over their limits, declared or chunked ----

    @Test
    void aBodyOverItsLimitIs413OnEveryEndpointDeclaredOrChunked() throws IOException {
        FuzzGen g = new FuzzGen(SEED + 1);
        School s = setUp("sizefuzz");
        Failures failures = new Failures("StrictFuzzTest sizes, seed " + SEED);
        String automation = s.automation("""
                {"name": "target", "triggers": [{"type": "tags.added"}], "actions": [{"type": "add_tags", "tags": ["ran"]}]}""");
        String before = state(s);
        int mib = 1024 * 1024;
        record Endpoint(String method, String path, String token, int limit, String prefix, String suffix) {
        }
        String key = s.key.key();
        List<Endpoint> endpoints = List.of(
                new Endpoint("POST", s.key.path("/events"), key, mib,
                        "{\"id\": \"big\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"a\"], \"fields\": {\"p\": \"", "\"}}"),
                new Endpoint("POST", s.key.path("/events:batch"), key, 10 * mib,
                        "{\"events\": [{\"id\": \"bigb\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"a\"], \"fields\": {\"p\": \"",
                        "\"}}]}"),
                new Endpoint("POST", s.key.path("/automations"), key, mib,
                        "{\"name\": \"big\", \"triggers\": [{\"type\": \"tags.added\"}], \"actions\": [{\"type\": \"send_email\", "
                                + "\"to\": \"user\", \"subject\": \"s\", \"body\": \"", "\"}]}"),
                new Endpoint("PUT", s.key.path("/automations/" + automation), key, mib,
                        "{\"name\": \"", "\", \"triggers\": [{\"type\": \"tags.added\"}], \"actions\": [{\"type\": \"add_tags\", \"tags\": [\"x\"]}]}"),
                new Endpoint("PUT", s.key.path("/users/u1"), key, mib, "{\"email\": \"u1@x.test\", \"firstName\": \"", "\"}"),
                new Endpoint("PUT", s.key.path("/courses/c1"), key, mib, "{\"title\": \"", "\"}"),
                new Endpoint("PUT", "/api/v1/rules/schools/" + s.id() + "/big.drl", Api.OPERATOR, mib,
                        "package rules.big;\n// ", "\n"));
        for (int i = 0; i < 24; i++) {
            Endpoint e = endpoints.get(i % endpoints.size());
            // under 16 MiB: past it the HTTP layer cuts the body off itself, a 413 without a problem
            // body (docs/api.md, Limits), as it may whenever bytes arrive faster than they are read;
            // pad() rounds up to whole units of up to 4 bytes, so 3 bytes more at most
            int size = Math.min(e.limit + g.pick(1, 2, 100, 4_096, e.limit / 2, e.limit * 2), 16 * mib - 4);
            String unit = g.pick("x", "é", "🎓");
            byte[] body = pad(e.prefix, e.suffix, unit, size);
            boolean chunked = g.chance(50);
            String request = e.method + " " + e.path + " " + (chunked ? "chunked" : "with Content-Length") + ", "
                    + body.length + " bytes of " + unit;
            Answer a = send(e.method, e.path, e.token, body, chunked);
            if (a.status != 413 || a.contentType == null || !a.contentType.startsWith("application/problem+json")
                    || !a.body.contains("\"status\":413")) {
                failures.add("expected a 413 problem, got " + a.status + " " + a.contentType + " "
                        + Failures.shorten(a.body, 400), request);
            }
        }
        if (!state(s).equals(before)) {
            failures.add("an oversize body changed state", "sizes");
        }
        Api.operator().get("/api/v1/rules/schools/" + s.id() + "/big.drl").then().statusCode(404);
        failures.assertNone();
    }

    /** The JSON prefix, the unit repeated and the suffix, exactly {@code size} bytes or a few more. */
    private static byte[] pad(String prefix, String suffix, String unit, int size) {
        int fixed = (prefix + suffix).getBytes(StandardCharsets.UTF_8).length;
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        int n = Math.max(0, (size - fixed + unitBytes - 1) / unitBytes);
        return (prefix + unit.repeat(n) + suffix).getBytes(StandardCharsets.UTF_8);
    }

    private record Answer(int status, String contentType, String body) {
    }

    private static Answer send(String method, String path, String token, byte[] body, boolean chunked) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + RestAssured.port + path).toURL()
                .openConnection();
        c.setRequestMethod(method);
        c.setDoOutput(true);
        if (chunked) {
            c.setChunkedStreamingMode(64 * 1024);
        } else {
            c.setFixedLengthStreamingMode(body.length);
        }
        c.setConnectTimeout(5_000);
        c.setReadTimeout(30_000);
        c.setRequestProperty("Authorization", "Bearer " + token);
        c.setRequestProperty("Content-Type", path.contains("/rules/") ? "text/plain" : "application/json");
        try (OutputStream out = c.getOutputStream(); InputStream in = new ByteArrayInputStream(body)) {
            in.transferTo(out);
        } catch (IOException refusedMidway) {
            // the server may answer and close before the whole body is sent
        }
        int status = c.getResponseCode();
        InputStream answer = status >= 400 ? c.getErrorStream() : c.getInputStream();
        String text = answer == null ? "" : new String(answer.readAllBytes(), StandardCharsets.UTF_8);
        String contentType = c.getContentType();
        c.disconnect();
        return new Answer(status, contentType, text);
    }

    private static String state(School s) {
        return s.get("/users/u1").extract().asString() + s.get("/courses/c1").extract().asString()
                + s.get("/automations").extract().asString() + s.get("/runs?limit=1000").extract().asString()
                + s.get("/events/big").extract().statusCode() + s.get("/events/bigb").extract().statusCode();
    }

    // ---- huge merges ----

    /**
     * Templates that merge a long field many times, around the bounds: an email whose subject or
     * body renders past them fails its action with the reason and is neither stored nor sent;
     * one within them is stored whole. Nothing is rendered first and cut afterwards.
     */
    @Test
    void hugeMergesFailAtTheBoundsAndNothingOfThemIsStored() {
        FuzzGen g = new FuzzGen(SEED + 2);
        Failures failures = new Failures("StrictFuzzTest merges, seed " + SEED);
        int bodyBound = 256 * 1024;
        for (int i = 0; i < 12; i++) {
            String unit = g.pick("x", "é", "€", "🎓");
            int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
            int length = g.pick(9_000, 10_000);
            String value = unit.repeat(length);
            boolean bodyCase = g.chance(70);
            String subject;
            String body;
            long measure;
            boolean over;
            if (bodyCase) {
                int copies = bodyBound / (length * unitBytes) + g.between(-1, 1);
                subject = "Hi";
                body = "{user.fields.big}".repeat(Math.max(1, copies));
                measure = (long) Math.max(1, copies) * length * unitBytes;
                over = measure > bodyBound;
            } else {
                // subjects count code points: a 9,000-character value is past 998 at once; a cut one below
                int cut = g.pick(499, 500);
                value = unit.repeat(cut);
                subject = "{user.fields.big}{user.fields.big}";
                body = "b";
                measure = 2L * cut;
                over = measure > 998;
            }
            School s = School.create("merge" + i).user("u1", Map.of("email", "m" + i + "@x.test", "fields", Map.of("big", value)));
            s.automation("""
                    {"name": "Mail", "triggers": [{"type": "coupon.claimed"}],
                     "actions": [{"type": "send_email", "to": "user", "subject": "%s", "body": "%s"}]}""".formatted(subject, body));
            s.event("{\"id\": \"e1\", \"type\": \"coupon.claimed\", \"userId\": \"u1\", \"couponCode\": \"C\"}");
            String request = (bodyCase ? "body" : "subject") + " of " + measure + (bodyCase ? " bytes" : " characters")
                    + " in units of " + unit;
            JsonNode action = read(s.get("/runs").extract().asString()).path("items").path(0).path("actions").path(0);
            JsonNode emails = read(s.get("/emails?limit=1000").extract().asString()).path("items");
            if (over) {
                String reason = bodyCase ? "the rendered body is larger than 256 KiB"
                        : "the rendered subject is longer than 998 characters";
                if (!action.path("status").asText().equals("failed") || !action.path("error").asText().equals(reason)) {
                    failures.add("past the bound, the action is " + action, request);
                }
                if (emails.size() != 0) {
                    failures.add("past the bound, an email was stored", request);
                }
            } else {
                JsonNode email = emails.path(0);
                long stored = bodyCase ? email.path("body").asText().getBytes(StandardCharsets.UTF_8).length
                        : email.path("subject").asText().codePointCount(0, email.path("subject").asText().length());
                if (emails.size() != 1 || stored != measure) {
                    failures.add("within the bound, " + emails.size() + " emails, the first of " + stored, request);
                }
            }
        }
        failures.assertNone();
    }

    // ---- helpers ----

    private static School setUp(String prefix) {
        School s = School.create(prefix).course("c1", false).course("c2", true).space("s1", false);
        s.user("u1", Map.of("email", "ann@corp.test", "firstName", "Ann", "tags", List.of("vip")));
        return s;
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return FuzzGen.NODES.objectNode();
        }
    }
}
