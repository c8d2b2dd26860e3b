package com.userautomations.fuzz;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.TextRules;
import com.userautomations.automation.DefinitionJson;
import com.userautomations.common.BodyReader;
import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Malformed and edge-case bodies through REST, on PostgreSQL: automations (POST, PUT, PATCH),
 * events (single and batch), users and courses, raw non-JSON bytes and invalid UTF-8. For every
 * request: the status is never 5xx; every 4xx is problem+json without class names, stack frames or
 * SQL; and a 4xx changes nothing: the school's user, users, courses, automations, runs, emails and
 * the event (or user) the request named read the same before and after.
 *
 * <p>Each family runs in its own school, so state that changes by itself (emails being sent) is
 * limited to fields left out of the comparison. Seeded; {@code -Dfuzz.seed=N} explores other cases.
 */
@QuarkusTest
class RestFuzzTest {
    private static final long SEED = Long.getLong("fuzz.seed", 20261128L) + 100;
    private static final ObjectMapper PLAIN = JsonMapper.builder().build();
    private static final ObjectMapper ESCAPING = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();

    /** What must never appear in a refusal: exception and class names, stack frames, SQL and driver text. */
    private static final Pattern LEAK = Pattern.compile("Exception|Throwable|java\\.|javax\\.|jakarta\\.|org\\.[a-z]"
            + "|io\\.(quarkus|vertx|smallrye|netty)|com\\.(fasterxml|userautomations)|\\tat |Caused by|SQL|PSQL|[Ss]tack ?trace"
            + "|\\[Source:|ERROR:|SELECT |INSERT |UPDATE |DELETE FROM|duplicate key|violates|relation \"");

    private static final String SETUP_AUTOMATION = """
            {"name": "fuzz target", "triggers": [{"type": "tags.added"}],
             "conditions": {"not": {"type": "has_tags", "tags": ["stop"]}},
             "actions": [{"type": "add_tags", "tags": ["ran"]},
                         {"type": "send_email", "to": "user", "subject": "Hi {user.firstName}", "body": "{event.fields.plan}"}]}""";

    // ---- automations: POST, PUT, PATCH ----

    @Test
    void automationBodies() {
        FuzzGen g = new FuzzGen(SEED);
        Documents docs = new Documents(g, () -> g.chance(97) ? g.pick("c1", "c2") : "nope", () -> "s1");
        Fuzz f = new Fuzz("automations", g, setUp("fuzz-aut"));
        f.watch("/automations");
        String target = f.school.automation(SETUP_AUTOMATION);
        String paused = f.school.automation(SETUP_AUTOMATION.replace("\"fuzz target\"", "\"second\", \"status\": \"paused\""));
        for (int i = 0; i < 130; i++) {
            String method = g.pick("POST", "POST", "POST", "PUT", "PUT", "PATCH");
            String id = method.equals("POST") ? null : g.chance(85) ? g.pick(target, paused) : weirdId(g);
            String path = "/automations" + (id == null ? "" : "/" + id);
            byte[] body;
            if (method.equals("PATCH") && g.chance(60)) {
                JsonNode status = g.chance(70) ? FuzzGen.NODES.textNode(g.chance(50) ? g.pick("active", "paused") : g.nasty())
                        : g.anyJson(2);
                body = json(g, g.chance(80) ? FuzzGen.NODES.objectNode().set("status", status) : g.anyJson(3));
            } else {
                body = automationBody(g, docs, i);
            }
            f.send(method, path, body, null);
        }
        f.finish();
    }

    private static byte[] automationBody(FuzzGen g, Documents docs, int i) {
        return switch (i % 10) {
            case 0, 1, 2, 3 -> json(g, g.mutate(DefinitionJson.toJson(docs.definition()), 3));
            case 4, 5 -> json(g, DefinitionJson.toJson(docs.definition()));
            case 6 -> json(g, g.anyJson(4));
            case 7 -> {
                // nesting around Jackson's and the parser's limits, built as text
                int levels = g.pick(19, 20, 21, 999, 1_000, 1_001, 5_000);
                String conditions = "{\"not\":".repeat(levels) + "{\"type\":\"has_tags\",\"tags\":[\"t\"]}" + "}".repeat(levels);
                yield g.chance(50) ? utf8("{\"name\":\"deep\",\"triggers\":[{\"type\":\"user.signed_up\"}],\"conditions\":"
                        + conditions + ",\"actions\":[{\"type\":\"add_tags\",\"tags\":[\"x\"]}]}")
                        : utf8(FuzzGen.deepText(levels, g.chance(50)));
            }
            case 8 -> {
                ObjectNode d = DefinitionJson.toJson(docs.definition());
                d.put(g.pick("name", "status", "reentry"), g.chance(30) ? g.huge() : g.nasty());
                yield json(g, d);
            }
            default -> rawBytes(g);
        };
    }

    // ---- events: single and batch ----

    @Test
    void eventBodies() {
        FuzzGen g = new FuzzGen(SEED + 1);
        Documents docs = new Documents(g);
        Fuzz f = new Fuzz("events", g, setUp("fuzz-evt"));
        f.watch("/users?limit=1000", "/spaces?limit=1000");
        f.school.automation(SETUP_AUTOMATION);
        f.school.automation("""
                {"name": "welcome", "triggers": [{"type": "user.signed_up"}, {"type": "form.submitted"}],
                 "actions": [{"type": "add_tags", "tags": ["welcome"]}, {"type": "enroll", "courseIds": ["c1"]},
                             {"type": "send_email", "to": "admins", "subject": "New: {user.email} {event.fields.company}", "body": "{user.fields.company}"}]}""");
        f.school.automation("""
                {"name": "courses", "triggers": [{"type": "user.enrolled"}, {"type": "course.completed"},
                 {"type": "user.unenrolled"}, {"type": "certificate.awarded"}, {"type": "coupon.claimed"}],
                 "conditions": {"any": [{"type": "field", "path": "event.fields.score", "op": "gt", "value": "10"},
                                        {"type": "registered_after", "date": "2000-01-01T00:00:00Z"}]},
                 "actions": [{"type": "add_to_space", "spaceIds": ["s1"]}, {"type": "add_email_domain_tag", "prefix": "d:"}]}""");
        List<String> users = List.of("u1", "u1", "u2", "ghost");
        List<String> courses = List.of("c1", "c2", "c1", "missing");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 130; i++) {
            if (i % 8 == 7) {
                // a batch of mixed events, or a malformed batch
                ArrayNode events = FuzzGen.NODES.arrayNode();
                for (int k = 0, n = g.between(0, 12); k < n; k++) {
                    events.add(eventJson(g, docs, eventId(g, ids), users, courses, k));
                }
                ObjectNode batch = FuzzGen.NODES.objectNode();
                batch.set("events", events);
                boolean intact = g.chance(85);
                f.batchEvents = intact ? events : null;
                f.send("POST", "/events:batch", json(g, intact ? batch : g.mutate(batch, 2)), null);
                f.batchEvents = null;
                continue;
            }
            JsonNode event = eventJson(g, docs, eventId(g, ids), users, courses, i);
            byte[] body = i % 16 == 5 ? rawBytes(g) : json(g, event);
            // only an id the API accepts can be stored (and read back: braces in a path are REST Assured's templates)
            String id = event.path("id").isTextual() && TextRules.isId(event.path("id").textValue())
                    ? event.path("id").textValue() : null;
            f.send("POST", "/events", body, id == null ? null : "/events/" + id);
        }
        // one batch over the limit of 1,000 events
        ArrayNode many = FuzzGen.NODES.arrayNode();
        for (int k = 0; k < 1_001; k++) {
            many.add(FuzzGen.NODES.objectNode().put("id", "over-" + k).put("type", "coupon.claimed").put("userId", "u1")
                    .put("couponCode", "X"));
        }
        f.send("POST", "/events:batch", json(g, FuzzGen.NODES.objectNode().set("events", many)), "/events/over-0");
        f.finish();
    }

    /** Mostly fresh ids; some reused, so that duplicates (200) and conflicts (409) happen too. */
    private static String eventId(FuzzGen g, List<String> ids) {
        if (!ids.isEmpty() && g.chance(15)) {
            return g.pick(ids);
        }
        String id = "e" + ids.size() + "-" + g.between(0, 999);
        ids.add(id);
        return id;
    }

    private static JsonNode eventJson(FuzzGen g, Documents docs, String id, List<String> users, List<String> courses, int i) {
        ObjectNode valid = docs.event(id, users, courses);
        return switch (i % 6) {
            case 0, 1 -> valid;
            case 2, 3 -> g.mutate(valid, 3);
            case 4 -> {
                valid.put(g.pick("userId", "couponCode", "formId", "courseId", "reason", "occurredAt", "type"),
                        g.chance(30) ? g.huge() : g.nasty());
                yield valid;
            }
            default -> g.chance(50) ? g.anyJson(3) : valid.set(g.pick("fields", "user", "tags"), g.anyJson(3));
        };
    }

    // ---- directory: users and courses ----

    @Test
    void directoryBodies() {
        FuzzGen g = new FuzzGen(SEED + 2);
        Documents docs = new Documents(g);
        Fuzz f = new Fuzz("directory", g, setUp("fuzz-dir"));
        f.watch("/users?limit=1000", "/courses?limit=1000");
        f.school.automation(SETUP_AUTOMATION);
        for (int i = 0; i < 100; i++) {
            boolean user = g.chance(70);
            String id = g.chance(50) ? (user ? "u1" : "c1") : g.chance(60) ? (user ? "n" : "k") + g.between(1, 20) : weirdId(g);
            String path = (user ? "/users/" : "/courses/") + id;
            ObjectNode valid = user ? docs.user(false) : docs.course();
            byte[] body = switch (i % 6) {
                case 0, 1 -> json(g, valid);
                case 2, 3 -> json(g, g.mutate(valid, 3));
                case 4 -> {
                    valid.put(g.pick(user ? List.of("email", "firstName", "registeredAt", "role", "timezone", "source")
                            : List.of("title", "paid")), g.chance(30) ? g.huge() : g.nasty());
                    yield json(g, valid);
                }
                default -> g.chance(50) ? json(g, g.anyJson(3)) : rawBytes(g);
            };
            f.send("PUT", path, body, path);
        }
        f.finish();
    }

    // ---- raw bytes on every endpoint ----

    @Test
    void rawBytesAndContentTypesOnEveryEndpoint() {
        FuzzGen g = new FuzzGen(SEED + 3);
        Fuzz f = new Fuzz("raw", g, setUp("fuzz-raw"));
        f.watch("/users?limit=1000", "/courses?limit=1000");
        String target = f.school.automation(SETUP_AUTOMATION);
        List<String[]> endpoints = List.of(new String[] {"POST", "/automations"}, new String[] {"PUT", "/automations/" + target},
                new String[] {"PATCH", "/automations/" + target}, new String[] {"POST", "/events"},
                new String[] {"POST", "/events:batch"}, new String[] {"PUT", "/users/u1"}, new String[] {"PUT", "/courses/c1"});
        for (int i = 0; i < 70; i++) {
            String[] endpoint = endpoints.get(i % endpoints.size());
            String contentType = g.pick("application/json", "application/json", "application/json; charset=UTF-8",
                    "application/json; charset=UTF-16", "text/plain", "application/xml",
                    "application/octet-stream", "*/*", "application/json; charset=nonsense");
            f.send(endpoint[0], endpoint[1], rawBytes(g), null, contentType);
        }
        // ids in the path that are not ids: encoded slashes, NUL, invalid UTF-8, dot segments, very long
        for (String raw : List.of("/users/%00", "/users/a%2Fb", "/users/%C3%28", "/users/%FF", "/users/..%2F..",
                "/users/" + "x".repeat(2_000), "/courses/%E2%80%AE", "/automations/%00", "/automations/%C0%AF")) {
            f.send("PUT", raw, utf8("{\"email\": \"a@b.test\", \"title\": \"t\"}"), null, "application/json", false);
        }
        f.finish();
    }

    // ---- valid automations at the edges, then events that start them ----

    @Test
    void edgeCaseAutomationsStartedByEvents() {
        FuzzGen g = new FuzzGen(SEED + 4);
        Documents docs = new Documents(g, () -> g.pick("c1", "c2"), () -> "s1");
        Fuzz f = new Fuzz("started", g, setUp("fuzz-run"));
        f.compareState = false; // waits resume by themselves here
        for (int i = 0; i < 35; i++) {
            ObjectNode d = DefinitionJson.toJson(docs.definition());
            // started by the next event: tags.added without filters, no conditions, active
            d.set("triggers", FuzzGen.NODES.arrayNode().add(FuzzGen.NODES.objectNode().put("type", "tags.added")));
            d.remove("conditions");
            d.put("status", "active");
            Response saved = f.send("POST", "/automations", json(g, d), null);
            ObjectNode event = FuzzGen.NODES.objectNode().put("id", "run-" + i).put("type", "tags.added").put("userId", "u1");
            event.putArray("tags").add("t" + i);
            event.set("fields", docs.fields());
            f.context = "after POST /automations " + Failures.shorten(d.toString(), 1_500);
            Response started = f.send("POST", "/events", json(g, event), "/events/run-" + i);
            f.context = null;
            if (saved != null && saved.statusCode() == 201 && started != null && started.statusCode() >= 500) {
                // a saved automation that breaks its events breaks every later one too: take it away to go on
                f.school.key.req().delete(f.school.key.path("/automations/" + saved.path("id")));
            }
        }
        f.finish();
    }

    // ---- the fuzzing loop ----

    /** A school with two courses (one paid), a space, a user with tags and fields, and one run and email. */
    private static School setUp(String prefix) {
        School s = School.create(prefix).course("c1", false).course("c2", true).space("s1", false);
        s.user("u1", Map.of("email", "ann@corp.test", "firstName", "Ann", "tags", List.of("vip"),
                "fields", Map.of("company", "Corp", "plan", "pro")));
        s.user("u2", Map.of("email", "bob@edu.test"));
        return s;
    }

    /** Sends requests and checks each answer, and that refusals leave the school as it was. */
    private static final class Fuzz {
        final String family;
        final FuzzGen g;
        final School school;
        final Failures failures;
        final Map<String, Integer> statuses = new TreeMap<>();
        final Set<String> stored = new HashSet<>();
        /** The events of the batch being sent, when its body is exactly them: refused ones must not be stored. */
        JsonNode batchEvents;
        boolean compareState = true;
        /** Said with every failure, when set: what the request depends on. */
        String context;
        /** What every snapshot reads; families add what their requests could change. */
        final List<String> watched = new ArrayList<>(List.of("/users/u1", "/automations", "/runs?limit=1000",
                "/emails?limit=1000"));
        final long started = System.nanoTime();
        private Map<String, String> state;

        Fuzz(String family, FuzzGen g, School school) {
            this.family = family;
            this.g = g;
            this.school = school;
            this.failures = new Failures("REST " + family + ", seed " + SEED);
        }

        void watch(String... paths) {
            for (String p : paths) {
                if (!watched.contains(p)) {
                    watched.add(p);
                }
            }
        }

        Response send(String method, String path, byte[] body, String namedResource) {
            return send(method, path, body, namedResource, "application/json");
        }

        Response send(String method, String path, byte[] body, String namedResource, String contentType) {
            return send(method, path, body, namedResource, contentType, true);
        }

        /** Sends one request, checks its answer and (unless turned off) that a refusal changed nothing. */
        Response send(String method, String path, byte[] body, String namedResource, String contentType, boolean encode) {
            String request = method + " " + path + " (" + contentType + ", " + body.length + " bytes): "
                    + Failures.shorten(new String(body, StandardCharsets.UTF_8), 600)
                    + (context == null ? "" : "\n  " + context);
            Map<String, String> before = null;
            if (compareState) {
                before = new TreeMap<>(state != null ? state : snapshot(request));
                if (namedResource != null) {
                    before.put("named " + namedResource, read(namedResource));
                }
            }
            RequestSpecification spec = RestAssured.given().urlEncodingEnabled(encode)
                    .header("Authorization", "Bearer " + school.key.key()).contentType(contentType).body(body);
            Response r;
            try {
                r = spec.request(method, school.key.path(path));
            } catch (RuntimeException e) {
                failures.add("the request could not be sent: " + e, request);
                return null;
            }
            int status = r.statusCode();
            statuses.merge(String.valueOf(status), 1, Integer::sum);
            String answer = r.asString();
            String said = "answered " + status + " " + r.getContentType() + ": " + Failures.shorten(answer, 1_000);
            if (status >= 500) {
                failures.add("5xx: " + said, request);
            } else if (status >= 400) {
                checkProblem(status, r.getContentType(), answer, said, request);
            } else if (path.endsWith(":batch")) {
                checkBatch(answer, said, request);
            }
            if (!compareState) {
                return r;
            }
            Map<String, String> after = snapshot(request);
            if (namedResource != null) {
                after.put("named " + namedResource, read(namedResource));
            }
            if (status >= 400 && !after.equals(before)) {
                failures.add("a refusal changed state: " + said + "\n  changed: " + diff(before, after), request);
            }
            if (status < 300 && namedResource != null && path.endsWith("/events")) {
                stored.add(namedResource);
            }
            after.remove("named " + namedResource);
            state = after;
            return r;
        }

        private void checkProblem(int status, String contentType, String answer, String said, String request) {
            if (contentType == null || !contentType.startsWith("application/problem+json")) {
                failures.add("a refusal that is not problem+json: " + said, request);
                return;
            }
            try {
                JsonNode problem = PLAIN.readTree(answer);
                if (problem.path("status").asInt() != status || !problem.path("title").isTextual()) {
                    failures.add("a problem without its status and title: " + said, request);
                }
            } catch (Exception e) {
                failures.add("a problem that is not JSON: " + said, request);
            }
            if (LEAK.matcher(answer).find()) {
                failures.add("a refusal that leaks internals (" + LEAK.matcher(answer).results().findFirst().orElseThrow()
                        .group() + "): " + said, request);
            }
        }

        /** Every result of a batch: an answer, or a 4xx problem that leaks nothing and stored nothing. */
        private void checkBatch(String answer, String said, String request) {
            JsonNode results;
            try {
                results = PLAIN.readTree(answer).path("results");
            } catch (Exception e) {
                failures.add("a batch answer that is not JSON: " + said, request);
                return;
            }
            if (batchEvents != null && results.size() != batchEvents.size()) {
                failures.add("a batch answered " + results.size() + " results for " + batchEvents.size() + " events: "
                        + said, request);
                return;
            }
            // first every id the batch stored: a refused event may share its id with a later one that was stored
            for (JsonNode result : results) {
                if (result.has("eventId")) {
                    stored.add("/events/" + result.path("eventId").asText());
                }
            }
            for (int k = 0; k < results.size(); k++) {
                JsonNode result = results.get(k);
                if (result.has("eventId")) {
                    continue;
                }
                int status = result.path("status").asInt();
                if (status < 400 || status >= 500 || LEAK.matcher(result.toString()).find()) {
                    failures.add("batch result " + k + " is a 5xx, has no status, or leaks internals: "
                            + Failures.shorten(result.toString(), 600), request);
                }
                // a refused event is not stored (unless an earlier request, or this batch, stored its id)
                String id = batchEvents == null ? "" : batchEvents.get(k).path("id").asText("");
                if (TextRules.isId(id) && !stored.contains("/events/" + id)
                        && school.get("/events/" + id).extract().statusCode() != 404) {
                    failures.add("batch event " + k + " (" + id + ") was refused with " + status + " but stored", request);
                }
            }
        }

        /** The state a refusal must leave alone, with the fields that change by themselves removed. */
        private Map<String, String> snapshot(String request) {
            Map<String, String> s = new TreeMap<>();
            for (String path : watched) {
                Response r = school.key.req().get(school.key.path(path));
                if (r.statusCode() != 200) {
                    failures.add("after this request, GET " + path + " answers " + r.statusCode() + ": "
                            + Failures.shorten(r.asString(), 600), request);
                }
                s.put(path, stable(r.asString()));
            }
            return s;
        }

        private String read(String path) {
            Response r = school.key.req().get(school.key.path(path));
            return r.statusCode() + " " + (r.statusCode() >= 500 ? "" : stable(r.asString()));
        }

        void finish() {
            System.out.printf("RestFuzzTest %s: %d requests in %d ms, statuses %s%n", family,
                    statuses.values().stream().mapToInt(Integer::intValue).sum(), (System.nanoTime() - started) / 1_000_000,
                    statuses);
            failures.assertNone();
        }
    }

    /** The answer without what the outbox and timers change on their own (email and run progress). */
    private static String stable(String json) {
        try {
            JsonNode node = PLAIN.readTree(json);
            strip(node);
            return node.toString();
        } catch (Exception e) {
            return json;
        }
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode o) {
            o.remove(List.of("status", "sentAt", "delivered", "attempts", "error", "finishedAt", "nextAttemptAt"));
            if (o.has("runId") && o.has("actions")) {
                o.remove("actions");
            }
            for (Iterator<JsonNode> it = o.elements(); it.hasNext(); ) {
                strip(it.next());
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(RestFuzzTest::strip);
        }
    }

    private static String diff(Map<String, String> before, Map<String, String> after) {
        StringBuilder out = new StringBuilder();
        for (String key : after.keySet()) {
            if (!after.get(key).equals(before.get(key))) {
                out.append("\n    ").append(key).append("\n      before: ").append(Failures.shorten(String.valueOf(before.get(key)), 800))
                        .append("\n      after:  ").append(Failures.shorten(after.get(key), 800));
            }
        }
        return out.toString();
    }

    // ---- bodies ----

    /** JSON text as UTF-8 bytes; sometimes with every non-ASCII character escaped (lone surrogates then travel as escapes). */
    private static byte[] json(FuzzGen g, JsonNode node) {
        try {
            return (g.chance(30) ? ESCAPING : PLAIN).writeValueAsBytes(node);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write a generated body", e);
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Bodies that are not JSON, not UTF-8, or JSON at the edges of what the reader accepts. */
    static byte[] rawBytes(FuzzGen g) {
        return switch (g.nextInt(22)) {
            case 0 -> new byte[0];
            case 1 -> {
                byte[] b = new byte[g.between(1, 2_000)];
                g.random.nextBytes(b);
                yield b;
            }
            case 2 -> concat(utf8("{\"name\": \""), new byte[] {(byte) 0xC3, 0x28}, utf8("\", \"id\": \"x\"}"));
            case 3 -> concat(utf8("{\"id\": \"a"), new byte[] {(byte) 0xFF, (byte) 0xFE}, utf8("\", \"type\": \"tags.added\"}"));
            case 4 -> concat(utf8("{\"id\": \""), new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, utf8("\"}"));
            case 5 -> concat(utf8("{\"title\": \""), new byte[] {(byte) 0xC0, (byte) 0xAF}, utf8("\"}"));
            case 6 -> concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, utf8("{\"name\": \"bom\"}"));
            case 7 -> "{\"name\": \"utf-16\", \"title\": \"t\"}".getBytes(StandardCharsets.UTF_16);
            case 8 -> utf8("{\"id\": \"a\u0000b\", \"title\": \"\u0000\"}");
            case 9 -> utf8(g.pick("{", "}", "[", "{\"a\":", "{\"a\" 1}", "{'a': 1}", "{a: 1}", "nul", "tru", "\"text\"",
                    "42", "null", "[]", "{} {}", "{}x", "/* c */ {}", "{\"a\": 1,}", "[1,]", "{\"a\": NaN}",
                    "{\"a\": Infinity}", "{\"a\": 01}", "{\"a\": 1e99999999}", "{\"a\": -}", "{\"a\": .5}"));
            case 10 -> utf8("{\"a\": " + "9".repeat(g.pick(999, 1_001, 5_000)) + "}");
            case 11 -> utf8("{\"id\": \"x\", \"id\": \"y\", \"title\": \"dup\", \"title\": \"dup\"}");
            case 12 -> utf8("{\"name\": \"\\ud800\", \"title\": \"\\udc00\\ud800\", \"tags\": [\"\\ud83c\"], \"id\": \"\\u0000\"}");
            case 13 -> utf8("{\"name\": \"\\u0000\", \"title\": \"a\\u0000b\", \"email\": \"a\\u0000@b.test\"}");
            case 14 -> utf8("{\"events\": " + FuzzGen.deepText(g.pick(999, 1_000, 1_001, 20_000), true) + "}");
            case 15 -> utf8(FuzzGen.deepText(g.pick(1_001, 50_000), false));
            case 16 -> utf8("{\"title\": \"" + "x".repeat(g.pick(1_048_000, 1_100_000)) + "\"}");
            case 17 -> utf8("{\"" + "k".repeat(g.pick(100_000, 300_000)) + "\": 1}");
            case 18 -> utf8("{\"id\": \"x\", \"type\": \"tags.added\", \"userId\": \"u1\", \"tags\": [\"a\"], \"x\": \"\\q\"}");
            case 19 -> utf8("\u0000\u0000\u0000{}");
            case 20 -> utf8("{\"a\": \"" + "\\u0000".repeat(10_000) + "\"}");
            default -> utf8("<?xml version=\"1.0\"?><automation name=\"x\"/>");
        };
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

    /** Path ids that are not ids, or ids of nothing. */
    private static String weirdId(FuzzGen g) {
        return g.pick("aut_missing", "x".repeat(129), "x".repeat(128), "ü", "a b", "a'b", "a\"b", "..", ".", "%",
                "a;b", "$x", "*", "_", "-", "\u202E", "🎓");
    }
}
