package com.userautomations.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.userautomations.automation.DefinitionParser;
import com.userautomations.automation.ParseResult;
import com.userautomations.compile.CompiledAutomation;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Builders for users, events and automations, shared by the engine and compile tests. */
public final class TestFacts {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private TestFacts() {
    }

    public static UserBuilder user() {
        return new UserBuilder();
    }

    public static EventFactBuilder event(String type, UserSnapshot user) {
        return new EventFactBuilder().type(type).user(user);
    }

    /** An automation from JSON written with single quotes; fails the test if it does not parse. */
    public static CompiledAutomation automation(String id, int version, String json) {
        ParseResult result;
        try {
            result = DefinitionParser.parse(MAPPER.readTree(json.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
        if (!result.isValid()) {
            throw new IllegalArgumentException(result.errors() + " in " + json);
        }
        return new CompiledAutomation(id, version, result.definition());
    }

    /** Definition JSON with the given triggers (a JSON array body) and conditions (or null). */
    public static String definition(String triggers, String conditions) {
        return "{'name': 'test', 'triggers': [" + triggers + "], "
                + (conditions == null ? "" : "'conditions': " + conditions + ", ")
                + "'actions': [{'type': 'add_tags', 'tags': ['done']}]}";
    }

    public static final class UserBuilder {
        private String id = "u1";
        private String email = "ann@corp.test";
        private String domain;
        private String role = "learner";
        private String source = "";
        private Instant registeredAt = Instant.parse("2026-06-01T00:00:00Z");
        private Set<String> tags = Set.of();
        private Set<String> courses = Set.of();
        private Set<String> completed = Set.of();
        private Set<String> spaces = Set.of();
        private final Map<String, String> fields = new HashMap<>();

        public UserBuilder id(String v) {
            id = v;
            return this;
        }

        public UserBuilder email(String v) {
            email = v;
            return this;
        }

        /** Overrides the domain derived from the email. */
        public UserBuilder domain(String v) {
            domain = v;
            return this;
        }

        public UserBuilder role(String v) {
            role = v;
            return this;
        }

        public UserBuilder source(String v) {
            source = v;
            return this;
        }

        public UserBuilder registeredAt(Instant v) {
            registeredAt = v;
            return this;
        }

        public UserBuilder registeredAt(String iso) {
            return registeredAt(Instant.parse(iso));
        }

        public UserBuilder tags(String... v) {
            tags = Set.copyOf(Arrays.asList(v));
            return this;
        }

        /** Enrolled, active. */
        public UserBuilder courses(String... v) {
            courses = Set.copyOf(Arrays.asList(v));
            return this;
        }

        /** Completed (and so enrolled). */
        public UserBuilder completed(String... v) {
            completed = Set.copyOf(Arrays.asList(v));
            return this;
        }

        public UserBuilder spaces(String... v) {
            spaces = Set.copyOf(Arrays.asList(v));
            return this;
        }

        public UserBuilder field(String name, String value) {
            fields.put(name, value);
            return this;
        }

        public UserSnapshot build() {
            Set<String> enrolled = new HashSet<>(courses);
            enrolled.addAll(completed);
            return new UserSnapshot(id, email, domain != null ? domain : UserSnapshot.domainOf(email), role, source, registeredAt, tags, enrolled,
                    completed, spaces, fields);
        }
    }
}
