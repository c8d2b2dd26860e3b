package com.userautomations.engine;

import static com.userautomations.engine.TestFacts.automation;
import static com.userautomations.engine.TestFacts.definition;
import static com.userautomations.engine.TestFacts.event;
import static com.userautomations.engine.TestFacts.user;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every condition leaf and field operator, true and false, and all / any / not nesting. */
class ConditionSemanticsTest {

    private static boolean fires(String condition, UserSnapshot user, Map<String, String> eventFields) {
        TestSchools schools = new TestSchools().put("s", 1,
                automation("a", 1, definition("{'type': 'user.enrolled'}", condition)));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);
        EventFact e = event("user.enrolled", user).courseId("c1").fields(eventFields).build();
        return !registry.evaluate("s", 1, e).isEmpty();
    }

    static Arguments when(String name, String condition, TestFacts.UserBuilder user, boolean expected) {
        return Arguments.of(name, condition, user.build(), Map.of(), expected);
    }

    static Arguments whenEvent(String name, String condition, Map<String, String> eventFields, boolean expected) {
        return Arguments.of(name, condition, user().build(), eventFields, expected);
    }

    static String field(String path, String op, String value) {
        return "{'type': 'field', 'path': '" + path + "', 'op': '" + op + "'"
                + (value == null ? "" : ", 'value': " + value) + "}";
    }

    static Stream<Arguments> leaves() {
        String before = "{'type': 'registered_before', 'date': '2026-01-01T00:00:00Z'}";
        String after = "{'type': 'registered_after', 'date': '2026-01-01T02:00:00+02:00'}";
        String company = "user.fields.company";
        String score = "user.fields.score";
        return Stream.of(
                when("registered before: earlier", before, user().registeredAt("2025-12-31T23:59:59Z"), true),
                when("registered before: same instant", before, user().registeredAt("2026-01-01T00:00:00Z"), false),
                when("registered before: later", before, user().registeredAt("2026-02-01T00:00:00Z"), false),
                when("registered before: unknown", before, user().registeredAt((java.time.Instant) null), false),
                when("registered after (offset date): later", after, user().registeredAt("2026-01-01T00:00:01Z"), true),
                when("registered after: same instant", after, user().registeredAt("2026-01-01T00:00:00Z"), false),
                when("registered after: unknown", after, user().registeredAt((java.time.Instant) null), false),
                when("has_tags: all present", "{'type': 'has_tags', 'tags': ['a', 'b']}", user().tags("a", "b", "c"), true),
                when("has_tags: one missing", "{'type': 'has_tags', 'tags': ['a', 'b']}", user().tags("a"), false),
                when("has_tags: case-sensitive", "{'type': 'has_tags', 'tags': ['VIP']}", user().tags("vip"), false),
                when("has_any_tag: one present", "{'type': 'has_any_tag', 'tags': ['a', 'b']}", user().tags("b"), true),
                when("has_any_tag: none", "{'type': 'has_any_tag', 'tags': ['a', 'b']}", user().tags(), false),
                when("email_domain: lower-cased", "{'type': 'email_domain', 'domains': ['Corp.TEST']}",
                        user().email("ann@CORP.test"), true),
                when("email_domain: other", "{'type': 'email_domain', 'domains': ['corp.test']}",
                        user().email("ann@other.test"), false),
                when("email_domain: subdomain is another domain", "{'type': 'email_domain', 'domains': ['corp.test']}",
                        user().email("ann@eu.corp.test"), false),
                when("email_domain: no email", "{'type': 'email_domain', 'domains': ['corp.test']}", user().email(null),
                        false),
                when("role: listed", "{'type': 'role', 'roles': ['lead', 'instructor']}", user().role("lead"), true),
                when("role: not listed", "{'type': 'role', 'roles': ['lead', 'instructor']}", user().role("learner"),
                        false),
                when("source: exact", "{'type': 'source', 'sources': ['facebook-ads']}", user().source("facebook-ads"),
                        true),
                when("source: case differs", "{'type': 'source', 'sources': ['facebook-ads']}",
                        user().source("Facebook-Ads"), false),
                when("enrolled_in: active", "{'type': 'enrolled_in', 'courseIds': ['c1', 'c2']}", user().courses("c2"),
                        true),
                when("enrolled_in: completed counts", "{'type': 'enrolled_in', 'courseIds': ['c1']}",
                        user().completed("c1"), true),
                when("enrolled_in: other course", "{'type': 'enrolled_in', 'courseIds': ['c1']}", user().courses("c3"),
                        false),
                when("completed_course: completed", "{'type': 'completed_course', 'courseIds': ['c1', 'c9']}",
                        user().completed("c9"), true),
                when("completed_course: only enrolled", "{'type': 'completed_course', 'courseIds': ['c1']}",
                        user().courses("c1"), false),
                when("in_space: member", "{'type': 'in_space', 'spaceIds': ['s1', 's2']}", user().spaces("s2"), true),
                when("in_space: not a member", "{'type': 'in_space', 'spaceIds': ['s1']}", user().spaces("s3"), false),
                // field operators
                when("equals: same", field(company, "equals", "'Corp'"), user().field("company", "Corp"), true),
                when("equals: case differs", field(company, "equals", "'Corp'"), user().field("company", "corp"), false),
                when("equals: missing", field(company, "equals", "'Corp'"), user(), false),
                when("equals: JSON number as text", field(score, "equals", "100"), user().field("score", "100"), true),
                when("equals: JSON boolean as text", field(score, "equals", "true"), user().field("score", "true"), true),
                when("not_equals: other", field(company, "not_equals", "'Corp'"), user().field("company", "Other"), true),
                when("not_equals: missing", field(company, "not_equals", "'Corp'"), user(), true),
                when("not_equals: same", field(company, "not_equals", "'Corp'"), user().field("company", "Corp"), false),
                when("contains: inside", field(company, "contains", "'or'"), user().field("company", "Corp"), true),
                when("contains: case differs", field(company, "contains", "'OR'"), user().field("company", "Corp"), false),
                when("contains: missing", field(company, "contains", "'or'"), user(), false),
                when("starts_with: prefix", field(company, "starts_with", "'Co'"), user().field("company", "Corp"), true),
                when("starts_with: not a prefix", field(company, "starts_with", "'rp'"), user().field("company", "Corp"),
                        false),
                when("exists: present", field(company, "exists", null), user().field("company", ""), true),
                when("exists: missing", field(company, "exists", null), user(), false),
                when("exists: null value", field(company, "exists", null), user().field("company", null), false),
                when("gt: 100 > 99 numerically", field(score, "gt", "'99'"), user().field("score", "100"), true),
                when("gt: equal", field(score, "gt", "99"), user().field("score", "99"), false),
                when("gt: decimals", field(score, "gt", "'99.5'"), user().field("score", "99.50001"), true),
                when("gt: exponent", field(score, "gt", "'999'"), user().field("score", "1e3"), true),
                when("gt: negative", field(score, "gt", "'-1'"), user().field("score", "-2"), false),
                when("gt: 'abc' > '1' is false", field(score, "gt", "'1'"), user().field("score", "abc"), false),
                when("gt: value not a number", field(score, "gt", "'abc'"), user().field("score", "5"), false),
                when("gt: missing", field(score, "gt", "'1'"), user(), false),
                when("lt: 99 < 100 numerically", field(score, "lt", "'100'"), user().field("score", "99"), true),
                when("lt: not less", field(score, "lt", "'100'"), user().field("score", "100.0"), false),
                when("lt: 'abc' < '1' is false", field(score, "lt", "'1'"), user().field("score", "abc"), false),
                when("lt: empty is not a number", field(score, "lt", "'1'"), user().field("score", ""), false),
                whenEvent("event field equals", field("event.fields.plan", "equals", "'pro'"), Map.of("plan", "pro"),
                        true),
                whenEvent("event field is not the user's", field("event.fields.company", "exists", null), Map.of(),
                        false),
                whenEvent("event field gt", field("event.fields.amount", "gt", "'49.99'"), Map.of("amount", "50"), true),
                // nesting
                when("all: both", "{'all': [{'type': 'has_tags', 'tags': ['a']}, {'type': 'role', 'roles': ['learner']}]}",
                        user().tags("a"), true),
                when("all: one false", "{'all': [{'type': 'has_tags', 'tags': ['a']}, {'type': 'role', 'roles': ['lead']}]}",
                        user().tags("a"), false),
                when("any: one true", "{'any': [{'type': 'has_tags', 'tags': ['x']}, {'type': 'role', 'roles': ['learner']}]}",
                        user(), true),
                when("any: none", "{'any': [{'type': 'has_tags', 'tags': ['x']}, {'type': 'role', 'roles': ['lead']}]}",
                        user(), false),
                when("not: negates", "{'not': {'type': 'has_tags', 'tags': ['student']}}", user().tags("student"), false),
                when("not: negates false", "{'not': {'type': 'has_tags', 'tags': ['student']}}", user(), true),
                when("not of not", "{'not': {'not': {'type': 'has_tags', 'tags': ['a']}}}", user().tags("a"), true),
                when("all of any and not: true",
                        "{'all': [{'any': [{'type': 'email_domain', 'domains': ['corp.test']}, {'type': 'has_tags', 'tags': ['b2b']}]},"
                                + " {'not': {'any': [{'type': 'role', 'roles': ['admin']}, {'type': 'in_space', 'spaceIds': ['s1']}]}}]}",
                        user().email("x@other.test").tags("b2b"), true),
                when("all of any and not: the not fails",
                        "{'all': [{'any': [{'type': 'email_domain', 'domains': ['corp.test']}, {'type': 'has_tags', 'tags': ['b2b']}]},"
                                + " {'not': {'any': [{'type': 'role', 'roles': ['admin']}, {'type': 'in_space', 'spaceIds': ['s1']}]}}]}",
                        user().spaces("s1"), false),
                when("any of alls", "{'any': [{'all': [{'type': 'has_tags', 'tags': ['a']}, {'type': 'has_tags', 'tags': ['b']}]},"
                        + " {'all': [{'type': 'has_tags', 'tags': ['c']}, {'not': {'type': 'has_tags', 'tags': ['d']}}]}]}",
                        user().tags("c"), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leaves")
    void evaluates(String name, String condition, UserSnapshot user, Map<String, String> eventFields, boolean expected) {
        assertThat(fires(condition, user, eventFields)).as(name).isEqualTo(expected);
    }

    @Test
    void noConditionsMeansNoConstraint() {
        TestSchools schools = new TestSchools().put("s", 1, automation("a", 1, definition("{'type': 'user.enrolled'}", null)));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);

        assertThat(registry.evaluate("s", 1, event("user.enrolled", user().build()).build()))
                .containsExactly(new Match("a", 1));
    }

    @Test
    void leavesWithTheSameShapeButDifferentValuesStayApart() {
        // Drools shares constraints by exprId: values that only differ in how a naive join would
        // write them ("a,b" vs "a" and "b") must not be merged
        TestSchools schools = new TestSchools().put("s", 1,
                automation("one-tag", 1, definition("{'type': 'user.enrolled'}", "{'type': 'has_any_tag', 'tags': ['a,b']}")),
                automation("two-tags", 1, definition("{'type': 'user.enrolled'}",
                        "{'type': 'has_any_tag', 'tags': ['a', 'b']}")),
                automation("quote", 1, definition("{'type': 'user.enrolled'}",
                        field("user.fields.x", "equals", "'a\\\", \\\"b'"))),
                automation("two-values", 1, definition("{'type': 'user.enrolled'}",
                        field("user.fields.x", "equals", "'a'"))));
        RuleBaseRegistry registry = new RuleBaseRegistry(schools);

        List<String> forA = ids(registry.evaluate("s", 1,
                event("user.enrolled", user().tags("a").field("x", "a").build()).build()));
        List<String> forAB = ids(registry.evaluate("s", 1,
                event("user.enrolled", user().tags("a,b").field("x", "a\", \"b").build()).build()));

        assertThat(forA).containsExactly("two-tags", "two-values");
        assertThat(forAB).containsExactly("one-tag", "quote");
    }

    private static List<String> ids(List<Match> matches) {
        return matches.stream().map(Match::automationId).toList();
    }
}
