package com.userautomations.analyst;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.engine.UserSnapshot;
import com.userautomations.events.EventTypes;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario file (the format is in rules-dmn/README.md). Strict: an unknown key, a
 * missing name or a value of the wrong type is an error naming the file and the JSON path, so
 * a typo cannot turn a scenario into one that passes without testing anything.
 */
final class ScenarioFile {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ACTION_TYPES = Set.of("add_tags", "remove_tags", "add_email_domain_tag",
            "enroll", "unenroll", "complete_courses", "add_to_space", "remove_from_space", "send_email");
    /** A shorthand for one value of a list field: {"courseId": "x"} means {"courseIds": ["x"]}. */
    private static final Map<String, String> SINGULAR = Map.of("courseId", "courseIds", "tag", "tags",
            "spaceId", "spaceIds");
    private static final Set<String> ACTION_FIELDS = Set.of("type", "courseIds", "tags", "spaceIds", "prefix", "to",
            "address", "subject", "body", "courseId", "tag", "spaceId");

    /** A file that cannot be read as scenarios: every problem, each with its JSON path. */
    static final class Malformed extends RuntimeException {
        Malformed(String file, List<String> problems) {
            super(file + " is not a valid scenario file:\n  " + String.join("\n  ", problems));
        }
    }

    private final String file;
    private final List<String> problems = new ArrayList<>();

    private ScenarioFile(String file) {
        this.file = file;
    }

    /** The scenarios of a file, or {@link Malformed}. */
    static List<Scenario> parse(String file, String text) {
        return new ScenarioFile(file).read(text);
    }

    private List<Scenario> read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new Malformed(file, List.of("not JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
        }
        List<Scenario> scenarios = new ArrayList<>();
        if (root == null || !root.isObject()) {
            problems.add("the file must be a JSON object {\"scenarios\": [...]}");
        } else {
            keys(root, "", Set.of("scenarios", "description"));
            JsonNode list = root.get("scenarios");
            if (list == null || !list.isArray() || list.isEmpty()) {
                problems.add("scenarios: must be a non-empty list");
            } else {
                Set<String> names = new LinkedHashSet<>();
                for (int i = 0; i < list.size(); i++) {
                    Scenario s = scenario(list.get(i), "scenarios[" + i + "]");
                    if (s != null && !names.add(s.name())) {
                        problems.add("scenarios[" + i + "].name: \"" + s.name() + "\" is used twice in this file");
                    }
                    scenarios.add(s);
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new Malformed(file, problems);
        }
        return scenarios;
    }

    private Scenario scenario(JsonNode n, String at) {
        if (!object(n, at)) {
            return null;
        }
        keys(n, at, Set.of("name", "description", "schoolId", "schoolName", "given", "expect"));
        String name = text(n, at, "name", true);
        String schoolId = text(n, at, "schoolId", true);
        String schoolName = text(n, at, "schoolName", false);
        JsonNode given = n.get("given");
        UserSnapshot user = null;
        Scenario.Event event = null;
        if (object(given, at + ".given")) {
            keys(given, at + ".given", Set.of("user", "event"));
            user = user(given.get("user"), at + ".given.user");
            event = event(given.get("event"), at + ".given.event");
        }
        JsonNode expect = n.get("expect");
        List<Scenario.ExpectedRule> rules = new ArrayList<>();
        List<Scenario.ExpectedDecision> decisions = new ArrayList<>();
        boolean only = false;
        if (object(expect, at + ".expect")) {
            String e = at + ".expect";
            keys(expect, e, Set.of("rules", "onlyTheseRules", "noRule", "decisions"));
            boolean noRule = bool(expect, e, "noRule");
            only = noRule || bool(expect, e, "onlyTheseRules");
            JsonNode r = expect.get("rules");
            if (noRule && r != null && !r.isEmpty()) {
                problems.add(e + ": \"noRule\": true and \"rules\" contradict each other");
            } else if (r != null) {
                for (int i = 0; array(r, e + ".rules") && i < r.size(); i++) {
                    rules.add(rule(r.get(i), e + ".rules[" + i + "]"));
                }
            }
            JsonNode d = expect.get("decisions");
            for (int i = 0; d != null && array(d, e + ".decisions") && i < d.size(); i++) {
                decisions.add(decision(d.get(i), e + ".decisions[" + i + "]"));
            }
            if (r == null && !noRule && d == null) {
                problems.add(e + ": expects nothing; give \"rules\", \"noRule\": true or \"decisions\"");
            }
        }
        return new Scenario(file, name, schoolId, schoolName, user, event, rules, only, decisions);
    }

    private UserSnapshot user(JsonNode n, String at) {
        if (!object(n, at)) {
            return null;
        }
        keys(n, at, Set.of("id", "email", "firstName", "lastName", "role", "source", "registeredAt", "tags",
                "courseIds", "completedCourseIds", "spaceIds", "fields"));
        String id = text(n, at, "id", false);
        String email = text(n, at, "email", false);
        String role = text(n, at, "role", false);
        Instant registeredAt = null;
        String registered = text(n, at, "registeredAt", false);
        if (registered != null) {
            try {
                registeredAt = Instant.parse(registered);
            } catch (DateTimeParseException e) {
                problems.add(at + ".registeredAt: not a timestamp like 2026-06-01T09:00:00Z");
            }
        }
        Set<String> completed = strings(n, at, "completedCourseIds");
        // a completed course is one the user is enrolled in, as in the service
        Set<String> courses = new LinkedHashSet<>(strings(n, at, "courseIds"));
        courses.addAll(completed);
        return new UserSnapshot(id == null ? "u1" : id, email, UserSnapshot.domainOf(email),
                role == null ? "learner" : role, text(n, at, "source", false), registeredAt, strings(n, at, "tags"),
                courses, completed, strings(n, at, "spaceIds"), fields(n, at));
    }

    private Scenario.Event event(JsonNode n, String at) {
        if (!object(n, at)) {
            return null;
        }
        keys(n, at, Set.of("type", "courseId", "formId", "couponCode", "certificateId", "reason", "tagsAdded",
                "tagsRemoved", "fields"));
        String type = text(n, at, "type", true);
        if (type != null && !EventTypes.ALL.contains(type)) {
            problems.add(at + ".type: \"" + type + "\" is not an event type; one of " + String.join(", ", EventTypes.ALL));
        }
        return new Scenario.Event(type, text(n, at, "courseId", false), text(n, at, "formId", false),
                text(n, at, "couponCode", false), text(n, at, "certificateId", false), text(n, at, "reason", false),
                strings(n, at, "tagsAdded"), strings(n, at, "tagsRemoved"), fields(n, at));
    }

    private Scenario.ExpectedRule rule(JsonNode n, String at) {
        if (!object(n, at)) {
            return null;
        }
        keys(n, at, Set.of("rule", "actions"));
        String rule = text(n, at, "rule", true);
        JsonNode a = n.get("actions");
        if (a == null) {
            return new Scenario.ExpectedRule(rule, null);
        }
        List<ObjectNode> actions = new ArrayList<>();
        for (int i = 0; array(a, at + ".actions") && i < a.size(); i++) {
            actions.add(action(a.get(i), at + ".actions[" + i + "]"));
        }
        return new Scenario.ExpectedRule(rule, actions);
    }

    /** The expected action in the automation JSON form, singular shorthands expanded. */
    private ObjectNode action(JsonNode n, String at) {
        if (!object(n, at)) {
            return null;
        }
        keys(n, at, ACTION_FIELDS);
        String type = text(n, at, "type", true);
        if (type != null && !ACTION_TYPES.contains(type)) {
            problems.add(at + ".type: \"" + type + "\" is not an action of the actions API; one of "
                    + String.join(", ", ACTION_TYPES.stream().sorted().toList()));
        }
        ObjectNode normal = JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String list = SINGULAR.get(f.getKey());
            if (list != null) {
                normal.putArray(list).add(f.getValue());
            } else {
                normal.set(f.getKey(), f.getValue());
            }
        }
        return normal;
    }

    private Scenario.ExpectedDecision decision(JsonNode n, String at) {
        if (!object(n, at)) {
            return null;
        }
        keys(n, at, Set.of("model", "decision", "equals"));
        if (!n.has("equals")) {
            problems.add(at + ".equals: missing (the value the decision should give; null is allowed)");
        }
        return new Scenario.ExpectedDecision(text(n, at, "model", true), text(n, at, "decision", true), n.get("equals"));
    }

    // ---- the small checks everything above is made of ----

    private boolean object(JsonNode n, String at) {
        if (n == null || !n.isObject()) {
            problems.add(at + ": " + (n == null ? "missing" : "must be an object {...}"));
            return false;
        }
        return true;
    }

    private boolean array(JsonNode n, String at) {
        if (!n.isArray()) {
            problems.add(at + ": must be a list [...]");
            return false;
        }
        return true;
    }

    private void keys(JsonNode n, String at, Set<String> allowed) {
        n.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problems.add((at.isEmpty() ? "" : at + ".") + k + ": unknown key; expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
        });
    }

    private String text(JsonNode n, String at, String key, boolean required) {
        JsonNode v = n.get(key);
        if (v == null || v.isNull()) {
            if (required) {
                problems.add(at + "." + key + ": missing");
            }
            return null;
        }
        if (!v.isTextual() || (required && v.asText().isBlank())) {
            problems.add(at + "." + key + ": must be " + (required ? "a non-empty" : "a") + " string");
            return null;
        }
        return v.asText();
    }

    private boolean bool(JsonNode n, String at, String key) {
        JsonNode v = n.get(key);
        if (v != null && !v.isBoolean()) {
            problems.add(at + "." + key + ": must be true or false");
            return false;
        }
        return v != null && v.asBoolean();
    }

    private Set<String> strings(JsonNode n, String at, String key) {
        JsonNode v = n.get(key);
        Set<String> values = new LinkedHashSet<>();
        if (v == null || v.isNull()) {
            return values;
        }
        if (!v.isArray()) {
            problems.add(at + "." + key + ": must be a list of strings");
            return values;
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                problems.add(at + "." + key + "[" + i + "]: must be a string");
            } else {
                values.add(v.get(i).asText());
            }
        }
        return values;
    }

    private Map<String, String> fields(JsonNode n, String at) {
        JsonNode v = n.get("fields");
        Map<String, String> fields = new LinkedHashMap<>();
        if (v == null || v.isNull()) {
            return fields;
        }
        if (!v.isObject()) {
            problems.add(at + ".fields: must be an object of text values {\"company\": \"Globex\"}");
            return fields;
        }
        v.fields().forEachRemaining(f -> {
            if (f.getValue().isNull()) {
                fields.put(f.getKey(), null);
            } else if (f.getValue().isValueNode()) {
                fields.put(f.getKey(), f.getValue().asText());
            } else {
                problems.add(at + ".fields." + f.getKey() + ": must be text (fields are text, numbers as \"100\")");
            }
        });
        return fields;
    }
}
