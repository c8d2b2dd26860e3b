package com.userautomations.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.common.FieldError;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.userautomations.common.JsonBodies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DefinitionParserTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The example of API.md, "Automations". */
    static final String API_EXAMPLE = """
            {"name": "Welcome B2B",
             "status": "active",
             "triggers": [{"type": "user.signed_up"}],
             "conditions": {"all": [
                 {"type": "registered_after", "date": "2026-11-01T00:00:00Z"},
                 {"any": [{"type": "email_domain", "domains": ["corp.test"]},
                          {"not": {"type": "has_tags", "tags": ["student"]}}]}]},
             "actions": [{"type": "add_tags", "tags": ["b2b"]},
                         {"type": "enroll", "courseIds": ["onboarding"]},
                         {"type": "send_email", "to": "user", "subject": "Welcome {user.firstName}",
                          "body": "Your course {course.title} is ready."}],
             "reentry": "every_time"}
            """;

    static JsonNode json(String text) {
        try {
            return MAPPER.readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    static ParseResult parse(String text) {
        return DefinitionParser.parse(json(text));
    }

    @Test
    void parsesTheApiExample() {
        ParseResult result = DefinitionParser.parse(json(API_EXAMPLE));

        assertThat(result.errors()).isEmpty();
        AutomationDefinition d = result.definition();
        assertThat(d.name()).isEqualTo("Welcome B2B");
        assertThat(d.status()).isEqualTo(AutomationStatus.ACTIVE);
        assertThat(d.triggers()).containsExactly(Trigger.of(TriggerType.USER_SIGNED_UP));
        assertThat(d.conditions()).isEqualTo(new Condition.All(List.of(
                new Condition.RegisteredAfter(Instant.parse("2026-11-01T00:00:00Z")),
                new Condition.Any(List.of(
                        new Condition.EmailDomain(List.of("corp.test")),
                        new Condition.Not(new Condition.HasTags(List.of("student"))))))));
        assertThat(d.actions()).containsExactly(
                Action.tags(ActionType.ADD_TAGS, List.of("b2b")),
                Action.courses(ActionType.ENROLL, List.of("onboarding")),
                Action.sendEmail(EmailRecipient.USER, null, "Welcome {user.firstName}",
                        "Your course {course.title} is ready."));
        assertThat(d.reentry()).isEqualTo(Reentry.EVERY_TIME);
        assertThat(d.referencedCourseIds()).containsExactly("onboarding");
    }

    @Test
    void parsesEveryTriggerLeafAndAction() {
        ParseResult result = parse("""
                {'name': 'all of it', 'status': 'paused', 'reentry': 'once_per_user', 'id': 'ignored',
                 'triggers': [{'type': 'user.signed_up'}, {'type': 'user.enrolled', 'courseIds': ['c1']},
                   {'type': 'user.unenrolled', 'courseIds': ['c1', 'c2'], 'reasons': ['expired', 'admin']},
                   {'type': 'course.completed'}, {'type': 'certificate.awarded', 'courseIds': []},
                   {'type': 'course.previewed', 'courseIds': ['c3']}, {'type': 'form.submitted', 'formIds': ['f1']},
                   {'type': 'tags.added', 'tags': ['t1', 't2']}, {'type': 'tags.removed'},
                   {'type': 'coupon.claimed', 'couponCodes': ['BF 2026']}],
                 'conditions': {'any': [
                   {'type': 'registered_before', 'date': '2026-01-01T02:00:00+02:00'},
                   {'type': 'registered_after', 'date': '2025-01-01T00:00:00Z'},
                   {'type': 'has_tags', 'tags': ['a']}, {'type': 'has_any_tag', 'tags': ['b', 'c']},
                   {'type': 'email_domain', 'domains': ['Corp.test']}, {'type': 'role', 'roles': ['lead', 'admin']},
                   {'type': 'source', 'sources': ['facebook-ads']}, {'type': 'enrolled_in', 'courseIds': ['c4']},
                   {'type': 'completed_course', 'courseIds': ['c5']}, {'type': 'in_space', 'spaceIds': ['s1']},
                   {'type': 'field', 'path': 'user.fields.score', 'op': 'gt', 'value': 99},
                   {'type': 'field', 'path': 'event.fields.plan', 'op': 'equals', 'value': 'pro'},
                   {'type': 'field', 'path': 'user.fields.vip', 'op': 'equals', 'value': true},
                   {'type': 'field', 'path': 'user.fields.company', 'op': 'exists'}]},
                 'actions': [{'type': 'enroll', 'courseIds': ['c6']}, {'type': 'unenroll', 'courseIds': ['c7']},
                   {'type': 'complete_courses', 'courseIds': ['c8']}, {'type': 'add_tags', 'tags': ['x']},
                   {'type': 'remove_tags', 'tags': ['y']}, {'type': 'add_email_domain_tag'},
                   {'type': 'add_email_domain_tag', 'prefix': 'domain:'},
                   {'type': 'add_to_space', 'spaceIds': ['s2']}, {'type': 'remove_from_space', 'spaceIds': ['s3']},
                   {'type': 'send_email', 'to': 'address', 'address': 'ops@acme.test', 'subject': 'Hi {user.fields.nick}',
                    'body': 'From {event.fields.page} at {school.name} for {user.email} {user.lastName}'},
                   {'type': 'send_email', 'to': 'admins', 'subject': 's', 'body': 'b'},
                   {'type': 'wait', 'duration': 'PT1H'}, {'type': 'wait', 'until': '2026-12-01T09:00:00+01:00'}]}
                """);

        assertThat(result.errors()).isEmpty();
        AutomationDefinition d = result.definition();
        assertThat(d.status()).isEqualTo(AutomationStatus.PAUSED);
        assertThat(d.reentry()).isEqualTo(Reentry.ONCE_PER_USER);
        assertThat(d.triggers()).hasSize(10);
        assertThat(d.triggers().get(2).reasons()).containsExactly("expired", "admin");
        assertThat(d.triggers().get(9).couponCodes()).containsExactly("BF 2026");
        List<Condition> leaves = ((Condition.Any) d.conditions()).conditions();
        assertThat(d.leaves()).containsExactlyElementsOf(leaves);
        assertThat(leaves.get(0)).isEqualTo(new Condition.RegisteredBefore(Instant.parse("2026-01-01T00:00:00Z")));
        assertThat(leaves.get(5)).isEqualTo(new Condition.RoleIn(List.of(Role.LEAD, Role.ADMIN)));
        assertThat(leaves.get(10)).isEqualTo(new Condition.Field("user.fields.score", FieldOp.GT, "99"));
        assertThat(leaves.get(12)).isEqualTo(new Condition.Field("user.fields.vip", FieldOp.EQUALS, "true"));
        assertThat(leaves.get(13)).isEqualTo(new Condition.Field("user.fields.company", FieldOp.EXISTS, null));
        assertThat(d.actions().get(5).prefix()).isEmpty();
        assertThat(d.actions().get(6).prefix()).isEqualTo("domain:");
        assertThat(d.actions().get(11)).isEqualTo(Action.waitFor(Duration.ofHours(1)));
        assertThat(d.actions().get(12)).isEqualTo(Action.waitUntil(Instant.parse("2026-12-01T08:00:00Z")));
        assertThat(d.referencedCourseIds()).containsExactly("c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8");
        assertThat(d.referencedSpaceIds()).containsExactly("s1", "s2", "s3");
    }

    @Test
    void defaultsStatusAndReentry() {
        ParseResult result = parse(valid("{'type': 'user.signed_up'}", null, "{'type': 'add_tags', 'tags': ['x']}")
                .replace("'status': 'active', ", "").replace(", 'reentry': 'every_time'", ""));

        assertThat(result.definition().status()).isEqualTo(AutomationStatus.ACTIVE);
        assertThat(result.definition().reentry()).isEqualTo(Reentry.EVERY_TIME);
    }

    @Test
    void writesBackWhatItReads() {
        AutomationDefinition d = DefinitionParser.parse(json(API_EXAMPLE)).definition();

        JsonNode written = DefinitionJson.toJson(d);

        assertThat(DefinitionParser.parse(written).definition()).isEqualTo(d);
        assertThat(written.get("triggers").get(0).has("courseIds")).isFalse();
        assertThat(written.get("actions").get(2).has("address")).isFalse();
    }

    @Test
    void readsDecisionsWithEachKindOfExpectedValue() {
        ParseResult result = parse(valid("{'type': 'user.signed_up'}",
                "{'any': [{'type': 'decision', 'model': 'learner segments', 'decision': 'Segment', 'equals': 'gold'},"
                        + " {'type': 'decision', 'model': 'm', 'decision': 'Score', 'equals': 2.50},"
                        + " {'type': 'decision', 'model': 'm', 'decision': 'VIP', 'equals': true}]}",
                "{'type': 'add_tag_from_decision', 'model': 'learner segments', 'decision': 'Segment', 'prefix': 'seg:'}"));

        assertThat(result.errors()).isEmpty();
        AutomationDefinition d = result.definition();
        assertThat(d.leaves()).containsExactly(
                new Condition.Decision("learner segments", "Segment", DecisionValue.string("gold")),
                new Condition.Decision("m", "Score", new DecisionValue(DecisionValue.Kind.NUMBER, "2.5")),
                new Condition.Decision("m", "VIP", new DecisionValue(DecisionValue.Kind.BOOLEAN, "true")));
        assertThat(d.actions().get(0)).isEqualTo(Action.tagFromDecision("learner segments", "Segment", "seg:"));
        assertThat(DefinitionParser.parse(DefinitionJson.toJson(d)).definition()).isEqualTo(d);
        assertThat(DefinitionJson.toJson(d).get("conditions").get("any").get(1).get("equals").isNumber()).isTrue();
    }

    // ---- invalid fixtures: each names the rule it breaks and the path of the error ----

    static String valid(String trigger, String conditions, String action) {
        return "{'name': 'n', 'status': 'active', 'triggers': [" + trigger + "], "
                + (conditions == null ? "" : "'conditions': " + conditions + ", ")
                + "'actions': [" + action + "], 'reentry': 'every_time'}";
    }

    static String withTrigger(String trigger) {
        return valid(trigger, null, "{'type': 'add_tags', 'tags': ['x']}");
    }

    static String withCondition(String condition) {
        return valid("{'type': 'user.signed_up'}", condition, "{'type': 'add_tags', 'tags': ['x']}");
    }

    static String withAction(String action) {
        return valid("{'type': 'user.signed_up'}", null, action);
    }

    static Stream<Arguments> invalid() {
        String email = "{'type': 'send_email', 'to': 'user', 'subject': 'S', 'body': 'B'}";
        return Stream.of(
                Arguments.of("root not an object", "[1]", "$"),
                Arguments.of("name missing", "{'triggers': [{'type': 'user.signed_up'}], 'actions': [{'type': 'add_tags', 'tags': ['x']}]}", "name"),
                Arguments.of("name not a string", withTrigger("{'type': 'user.signed_up'}").replace("'name': 'n'", "'name': 5"), "name"),
                Arguments.of("name blank", withTrigger("{'type': 'user.signed_up'}").replace("'name': 'n'", "'name': '  '"), "name"),
                Arguments.of("name too long", withTrigger("{'type': 'user.signed_up'}").replace("'name': 'n'", "'name': '" + "x".repeat(201) + "'"), "name"),
                Arguments.of("status unknown", withTrigger("{'type': 'user.signed_up'}").replace("'active'", "'draft'"), "status"),
                Arguments.of("reentry unknown", withTrigger("{'type': 'user.signed_up'}").replace("'every_time'", "'sometimes'"), "reentry"),
                Arguments.of("triggers missing", "{'name': 'n', 'actions': [{'type': 'add_tags', 'tags': ['x']}]}", "triggers"),
                Arguments.of("triggers empty", "{'name': 'n', 'triggers': [], 'actions': [{'type': 'add_tags', 'tags': ['x']}]}", "triggers"),
                Arguments.of("triggers not an array", "{'name': 'n', 'triggers': {'type': 'user.signed_up'}, 'actions': [{'type': 'add_tags', 'tags': ['x']}]}", "triggers"),
                Arguments.of("trigger not an object", withTrigger("'user.signed_up'"), "triggers[0]"),
                Arguments.of("trigger type missing", withTrigger("{'courseIds': ['c1']}"), "triggers[0].type"),
                Arguments.of("trigger type unknown", withTrigger("{'type': 'user.deleted'}"), "triggers[0].type"),
                Arguments.of("trigger type not a string", withTrigger("{'type': 7}"), "triggers[0].type"),
                Arguments.of("trigger course id malformed", withTrigger("{'type': 'user.enrolled', 'courseIds': ['bad id!']}"), "triggers[0].courseIds[0]"),
                Arguments.of("trigger course id too long", withTrigger("{'type': 'user.enrolled', 'courseIds': ['" + "c".repeat(129) + "']}"), "triggers[0].courseIds[0]"),
                Arguments.of("trigger course ids not an array", withTrigger("{'type': 'user.enrolled', 'courseIds': 'c1'}"), "triggers[0].courseIds"),
                Arguments.of("trigger course id not a string", withTrigger("{'type': 'user.enrolled', 'courseIds': [1]}"), "triggers[0].courseIds[0]"),
                Arguments.of("trigger reason unknown", withTrigger("{'type': 'user.unenrolled', 'reasons': ['bored']}"), "triggers[0].reasons[0]"),
                Arguments.of("trigger filter of another type", withTrigger("{'type': 'user.enrolled', 'formIds': ['f1']}"), "triggers[0].formIds"),
                Arguments.of("signed_up takes no filter", withTrigger("{'type': 'user.signed_up', 'tags': ['a']}"), "triggers[0].tags"),
                Arguments.of("trigger form id malformed", withTrigger("{'type': 'form.submitted', 'formIds': ['a b']}"), "triggers[0].formIds[0]"),
                Arguments.of("trigger tag with control character", withTrigger("{'type': 'tags.added', 'tags': ['a\\u0007b']}"), "triggers[0].tags[0]"),
                Arguments.of("trigger tag too long", withTrigger("{'type': 'tags.added', 'tags': ['" + "t".repeat(101) + "']}"), "triggers[0].tags[0]"),
                Arguments.of("trigger tag empty", withTrigger("{'type': 'tags.removed', 'tags': ['']}"), "triggers[0].tags[0]"),
                Arguments.of("actions missing", "{'name': 'n', 'triggers': [{'type': 'user.signed_up'}]}", "actions"),
                Arguments.of("actions empty", withAction("").replace("'actions': []", "'actions': []"), "actions"),
                Arguments.of("action type unknown", withAction("{'type': 'explode'}"), "actions[0].type"),
                Arguments.of("enroll without courses", withAction("{'type': 'enroll'}"), "actions[0].courseIds"),
                Arguments.of("enroll with empty courses", withAction("{'type': 'enroll', 'courseIds': []}"), "actions[0].courseIds"),
                Arguments.of("unenroll course id malformed", withAction("{'type': 'unenroll', 'courseIds': ['x/y']}"), "actions[0].courseIds[0]"),
                Arguments.of("complete_courses without courses", withAction("{'type': 'complete_courses'}"), "actions[0].courseIds"),
                Arguments.of("add_tags with empty tags", withAction("{'type': 'add_tags', 'tags': []}"), "actions[0].tags"),
                Arguments.of("remove_tags with a control character", withAction("{'type': 'remove_tags', 'tags': ['a\\nb']}"), "actions[0].tags[0]"),
                Arguments.of("add_to_space without spaces", withAction("{'type': 'add_to_space'}"), "actions[0].spaceIds"),
                Arguments.of("remove_from_space with empty spaces", withAction("{'type': 'remove_from_space', 'spaceIds': []}"), "actions[0].spaceIds"),
                Arguments.of("email domain tag prefix not a string", withAction("{'type': 'add_email_domain_tag', 'prefix': 3}"), "actions[0].prefix"),
                Arguments.of("send_email without to", withAction("{'type': 'send_email', 'subject': 'S', 'body': 'B'}"), "actions[0].to"),
                Arguments.of("send_email to unknown", withAction(email.replace("'user'", "'everyone'")), "actions[0].to"),
                Arguments.of("send_email to address without address", withAction(email.replace("'user'", "'address'")), "actions[0].address"),
                Arguments.of("send_email address with another recipient", withAction(email.replace("'to': 'user'", "'to': 'user', 'address': 'a@b.test'")), "actions[0].address"),
                Arguments.of("send_email address with CRLF", withAction(email.replace("'to': 'user'", "'to': 'address', 'address': 'a@b.test\\r\\nBcc: x@y.test'")), "actions[0].address"),
                Arguments.of("send_email address malformed", withAction(email.replace("'to': 'user'", "'to': 'address', 'address': 'nobody'")), "actions[0].address"),
                Arguments.of("send_email subject with LF", withAction(email.replace("'S'", "'Hi\\nBcc: x@y.test'")), "actions[0].subject"),
                Arguments.of("send_email subject missing", withAction("{'type': 'send_email', 'to': 'user', 'body': 'B'}"), "actions[0].subject"),
                Arguments.of("send_email body missing", withAction("{'type': 'send_email', 'to': 'user', 'subject': 'S'}"), "actions[0].body"),
                Arguments.of("send_email body empty", withAction(email.replace("'B'", "''")), "actions[0].body"),
                Arguments.of("unknown merge field in subject", withAction(email.replace("'S'", "'Hi {user.password}'")), "actions[0].subject"),
                Arguments.of("unknown merge field in body", withAction(email.replace("'B'", "'Id: {event.id}'")), "actions[0].body"),
                Arguments.of("merge field without a name", withAction(email.replace("'B'", "'x {user.fields.} y'")), "actions[0].body"),
                Arguments.of("expression in body", withAction(email.replace("'B'", "'${java.lang.Runtime}'")), "actions[0].body"),
                Arguments.of("wait with neither", withAction("{'type': 'wait'}"), "actions[0]"),
                Arguments.of("wait with both", withAction("{'type': 'wait', 'duration': 'PT1H', 'until': '2026-01-01T00:00:00Z'}"), "actions[0]"),
                Arguments.of("wait duration malformed", withAction("{'type': 'wait', 'duration': '1h'}"), "actions[0].duration"),
                Arguments.of("wait duration zero", withAction("{'type': 'wait', 'duration': 'PT0S'}"), "actions[0].duration"),
                Arguments.of("wait duration negative", withAction("{'type': 'wait', 'duration': '-PT1H'}"), "actions[0].duration"),
                Arguments.of("wait until without offset", withAction("{'type': 'wait', 'until': '2026-01-01T00:00:00'}"), "actions[0].until"),
                Arguments.of("condition not an object", withCondition("[]"), "conditions"),
                Arguments.of("condition with two kinds", withCondition("{'all': [{'type': 'has_tags', 'tags': ['a']}], 'type': 'has_tags', 'tags': ['a']}"), "conditions"),
                Arguments.of("condition with no kind", withCondition("{'tags': ['a']}"), "conditions"),
                Arguments.of("condition type unknown", withCondition("{'type': 'is_nice'}"), "conditions.type"),
                Arguments.of("all empty", withCondition("{'all': []}"), "conditions.all"),
                Arguments.of("any not an array", withCondition("{'any': {'type': 'has_tags', 'tags': ['a']}}"), "conditions.any"),
                Arguments.of("nested leaf wrong type", withCondition("{'all': [{'type': 'has_tags', 'tags': ['a']}, {'any': [{'type': 'email_domain', 'domains': 'corp.test'}]}]}"), "conditions.all[1].any[0].domains"),
                Arguments.of("not of a bad leaf", withCondition("{'not': {'type': 'has_tags', 'tags': []}}"), "conditions.not.tags"),
                Arguments.of("date without offset", withCondition("{'type': 'registered_after', 'date': '2026-11-01T00:00:00'}"), "conditions.date"),
                Arguments.of("date missing", withCondition("{'type': 'registered_before'}"), "conditions.date"),
                Arguments.of("date not a date", withCondition("{'type': 'registered_before', 'date': 'yesterday'}"), "conditions.date"),
                Arguments.of("has_any_tag without tags", withCondition("{'type': 'has_any_tag'}"), "conditions.tags"),
                Arguments.of("role unknown", withCondition("{'type': 'role', 'roles': ['learner', 'owner']}"), "conditions.roles[1]"),
                Arguments.of("source with control character", withCondition("{'type': 'source', 'sources': ['a\\u0000']}"), "conditions.sources[0]"),
                Arguments.of("enrolled_in course id malformed", withCondition("{'type': 'enrolled_in', 'courseIds': ['c 1']}"), "conditions.courseIds[0]"),
                Arguments.of("completed_course empty", withCondition("{'type': 'completed_course', 'courseIds': []}"), "conditions.courseIds"),
                Arguments.of("in_space id malformed", withCondition("{'type': 'in_space', 'spaceIds': ['#general']}"), "conditions.spaceIds[0]"),
                Arguments.of("field path outside fields", withCondition("{'type': 'field', 'path': 'user.email', 'op': 'equals', 'value': 'x'}"), "conditions.path"),
                Arguments.of("field path without a name", withCondition("{'type': 'field', 'path': 'event.fields.', 'op': 'equals', 'value': 'x'}"), "conditions.path"),
                Arguments.of("field op unknown", withCondition("{'type': 'field', 'path': 'user.fields.a', 'op': 'matches', 'value': 'x'}"), "conditions.op"),
                Arguments.of("field value missing", withCondition("{'type': 'field', 'path': 'user.fields.a', 'op': 'gt'}"), "conditions.value"),
                Arguments.of("field value an object", withCondition("{'type': 'field', 'path': 'user.fields.a', 'op': 'equals', 'value': {'x': 1}}"), "conditions.value"),
                Arguments.of("decision without model", withCondition("{'type': 'decision', 'decision': 'D', 'equals': 'x'}"), "conditions.model"),
                Arguments.of("decision without decision", withCondition("{'type': 'decision', 'model': 'm', 'equals': 'x'}"), "conditions.decision"),
                Arguments.of("decision model empty", withCondition("{'type': 'decision', 'model': '', 'decision': 'D', 'equals': 'x'}"), "conditions.model"),
                Arguments.of("decision name with control character", withCondition("{'type': 'decision', 'model': 'm', 'decision': 'D\\u0007', 'equals': 'x'}"), "conditions.decision"),
                Arguments.of("decision without equals", withCondition("{'type': 'decision', 'model': 'm', 'decision': 'D'}"), "conditions.equals"),
                Arguments.of("decision equals null", withCondition("{'type': 'decision', 'model': 'm', 'decision': 'D', 'equals': null}"), "conditions.equals"),
                Arguments.of("decision equals a list", withCondition("{'type': 'decision', 'model': 'm', 'decision': 'D', 'equals': ['x']}"), "conditions.equals"),
                Arguments.of("field value a huge number", withCondition("{'type': 'field', 'path': 'user.fields.score', 'op': 'gt', 'value': 1e999999999}"), "conditions.value"),
                Arguments.of("decision equals a huge number", withCondition("{'type': 'decision', 'model': 'm', 'decision': 'D', 'equals': 1e999999999}"), "conditions.equals"),
                Arguments.of("decision equals a too long text", withCondition("{'type': 'decision', 'model': 'm', 'decision': 'D', 'equals': '" + "x".repeat(1001) + "'}"), "conditions.equals"),
                Arguments.of("tag from decision without model", withAction("{'type': 'add_tag_from_decision', 'decision': 'D'}"), "actions[0].model"),
                Arguments.of("tag from decision without decision", withAction("{'type': 'add_tag_from_decision', 'model': 'm'}"), "actions[0].decision"),
                Arguments.of("send_webhook without webhookId", withAction("{'type': 'send_webhook', 'payload': {'a': 1}}"), "actions[0].webhookId"),
                Arguments.of("send_webhook webhookId malformed", withAction("{'type': 'send_webhook', 'webhookId': 'a b', 'payload': {}}"), "actions[0].webhookId"),
                Arguments.of("send_webhook without payload", withAction("{'type': 'send_webhook', 'webhookId': 'wh1'}"), "actions[0].payload"),
                Arguments.of("send_webhook payload not an object", withAction("{'type': 'send_webhook', 'webhookId': 'wh1', 'payload': [1]}"), "actions[0].payload"),
                Arguments.of("send_webhook payload sets a reserved key", withAction("{'type': 'send_webhook', 'webhookId': 'wh1', 'payload': {'userId': 'someone-else'}}"), "actions[0].payload.userId"),
                Arguments.of("send_webhook unknown merge field deep in the payload", withAction("{'type': 'send_webhook', 'webhookId': 'wh1', 'payload': {'a': [{'b': 'x {user.password}'}]}}"), "actions[0].payload.a[0].b"),
                Arguments.of("send_webhook expression in the payload", withAction("{'type': 'send_webhook', 'webhookId': 'wh1', 'payload': {'a': '${java.lang.Runtime}'}}"), "actions[0].payload.a"),
                Arguments.of("send_push without title", withAction("{'type': 'send_push', 'body': 'B'}"), "actions[0].title"),
                Arguments.of("send_push without body", withAction("{'type': 'send_push', 'title': 'T'}"), "actions[0].body"),
                Arguments.of("send_push title with LF", withAction("{'type': 'send_push', 'title': 'a\\nb', 'body': 'B'}"), "actions[0].title"),
                Arguments.of("send_push title too long", withAction("{'type': 'send_push', 'title': '" + "t".repeat(201) + "', 'body': 'B'}"), "actions[0].title"),
                Arguments.of("send_push unknown merge field", withAction("{'type': 'send_push', 'title': 'T', 'body': 'Hi {user.password}'}"), "actions[0].body"),
                Arguments.of("send_push url javascript", withAction("{'type': 'send_push', 'title': 'T', 'body': 'B', 'url': 'javascript:alert(1)'}"), "actions[0].url"),
                Arguments.of("send_push url protocol-relative", withAction("{'type': 'send_push', 'title': 'T', 'body': 'B', 'url': '//evil.test/x'}"), "actions[0].url"),
                Arguments.of("send_push url with a space", withAction("{'type': 'send_push', 'title': 'T', 'body': 'B', 'url': 'https://a.test/x y'}"), "actions[0].url"),
                Arguments.of("send_push url unknown merge field", withAction("{'type': 'send_push', 'title': 'T', 'body': 'B', 'url': '/c/{event.id}'}"), "actions[0].url"),
                Arguments.of("send_push unknown key", withAction("{'type': 'send_push', 'title': 'T', 'body': 'B', 'icon': 'x'}"), "actions[0].icon"),
                Arguments.of("tag from decision prefix too long", withAction("{'type': 'add_tag_from_decision', 'model': 'm', 'decision': 'D', 'prefix': '" + "p".repeat(100) + "'}"), "actions[0].prefix"));
    }

    @Test
    void readsSendWebhookAndSendPushAndWritesThemBack() {
        ParseResult result = parse(valid("{'type': 'user.enrolled'}", null,
                "{'type': 'send_webhook', 'webhookId': 'wh1', 'payload': {'course': '{course.title}', 'n': 3, "
                        + "'nested': {'list': ['{user.email}', true, null]}}}, "
                        + "{'type': 'send_push', 'title': 'Hi {user.firstName}', 'body': '{course.title} is ready', "
                        + "'url': '/courses?from=push'}"));

        assertThat(result.errors()).isEmpty();
        AutomationDefinition d = result.definition();
        assertThat(d.actions().get(0).type()).isEqualTo(ActionType.SEND_WEBHOOK);
        assertThat(d.actions().get(0).webhookId()).isEqualTo("wh1");
        assertThat(d.actions().get(0).payload()).isEqualTo(json("{'course': '{course.title}', 'n': 3, "
                + "'nested': {'list': ['{user.email}', true, null]}}"));
        assertThat(d.actions().get(1)).isEqualTo(Action.sendPush("Hi {user.firstName}", "{course.title} is ready",
                "/courses?from=push"));
        assertThat(DefinitionParser.parse(DefinitionJson.toJson(d)).definition()).isEqualTo(d);
    }

    @Test
    void refusesACourseTitleInAPushOrAPayloadThatASignUpCannotFill() {
        ParseResult result = parse(withAction("{'type': 'send_push', 'title': 'T', 'body': '{course.title}'}, "
                + "{'type': 'send_webhook', 'webhookId': 'wh1', 'payload': {'c': ['{course.title}']}}"));

        assertThat(result.errors()).extracting(FieldError::field)
                .containsExactly("actions[0].body", "actions[1].payload.c[0]");
    }

    @Test
    void rendersOnlyThePayloadsStringsAndKeepsItsShape() {
        JsonNode payload = json("{'a': '{x}', 'b': [1, '{x}', {'c': '{x}'}], 'd': false}");

        JsonNode rendered = WebhookPayloads.render(payload, s -> s.replace("{x}", "\"}, {\"evil\": 1"));

        assertThat(rendered.get("a").textValue()).isEqualTo("\"}, {\"evil\": 1");
        assertThat(rendered.get("b").get(2).get("c").textValue()).isEqualTo("\"}, {\"evil\": 1");
        assertThat(rendered.get("b").get(0).intValue()).isEqualTo(1);
        assertThat(rendered.get("d").booleanValue()).isFalse();
        assertThat(payload.get("a").textValue()).isEqualTo("{x}"); // the definition's own copy is untouched
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refuses(String rule, String json, String path) {
        ParseResult result = parse(json);

        assertThat(result.isValid()).as(rule).isFalse();
        assertThat(result.errors()).extracting(FieldError::field).as(rule).contains(path);
    }

    @Test
    void refusesACourseTitleThatASignUpCannotFillAndNamesTheTriggersThatCan() {
        ParseResult result = parse(withAction("{'type': 'send_email', 'to': 'user', 'subject': 'Welcome', "
                + "'body': 'Your course {course.title} is ready.'}"));

        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("actions[0].body");
            assertThat(e.message()).contains("{course.title}", "user.signed_up", "user.enrolled", "course.previewed",
                    "enroll");
        });
    }

    @Test
    void refusesACourseTitleWhenOneOfSeveralTriggersNamesNoCourse() {
        ParseResult result = parse(valid("{'type': 'user.enrolled'}, {'type': 'tags.added', 'tags': ['t']}", null,
                "{'type': 'send_email', 'to': 'user', 'subject': 'About {course.title}', 'body': 'b'}"));

        assertThat(result.errors()).extracting(FieldError::field).containsExactly("actions[0].subject");
        assertThat(result.errors().get(0).message()).contains("tags.added").doesNotContain("tags.added, tags.added");
    }

    @Test
    void acceptsACourseTitleAfterAnActionNamingOneCourseAsTheApiExampleDoes() {
        ParseResult result = parse(withAction("{'type': 'enroll', 'courseIds': ['onboarding']}, "
                + "{'type': 'send_email', 'to': 'user', 'subject': 'S', 'body': 'Your course {course.title} is ready.'}"));

        assertThat(result.errors()).isEmpty();
        assertThat(MergeFields.courseNamedBefore(result.definition().actions(), 1)).isEqualTo("onboarding");
    }

    @Test
    void refusesACourseTitleAfterAnActionNamingSeveralCourses() {
        ParseResult result = parse(withAction("{'type': 'enroll', 'courseIds': ['c1', 'c2']}, "
                + "{'type': 'send_email', 'to': 'user', 'subject': 'S', 'body': '{course.title}'}"));

        assertThat(result.errors()).extracting(FieldError::field).containsExactly("actions[1].body");
    }

    @Test
    void acceptsACourseTitleOnEveryTriggerThatNamesACourse() {
        ParseResult result = parse(valid("{'type': 'user.enrolled'}, {'type': 'user.unenrolled'}, {'type': 'course.completed'}, "
                        + "{'type': 'certificate.awarded'}, {'type': 'course.previewed'}", null,
                "{'type': 'send_email', 'to': 'user', 'subject': '{course.title}', 'body': '{course.title}'}"));

        assertThat(result.errors()).isEmpty();
    }

    @Test
    void keepsANumericFieldValueWithoutAnExponent() {
        // read as the service reads bodies: decimals exactly (BigDecimal)
        ParseResult result = DefinitionParser.parse(JsonBodies.parseObject(withCondition(
                "{'all': [{'type': 'field', 'path': 'user.fields.score', 'op': 'equals', 'value': 1e2}, "
                        + "{'type': 'field', 'path': 'user.fields.score', 'op': 'gt', 'value': 2.50}, "
                        + "{'type': 'field', 'path': 'user.fields.score', 'op': 'lt', 'value': 1." + "1".repeat(60) + "}]}")
                .replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8)));

        // the third has more digits than can be kept: refused at its value, not dropped
        assertThat(result.errors()).extracting(FieldError::field).containsExactly("conditions.all[2].value");
        ParseResult kept = DefinitionParser.parse(JsonBodies.parseObject(withCondition(
                "{'all': [{'type': 'field', 'path': 'user.fields.score', 'op': 'equals', 'value': 1e2}, "
                        + "{'type': 'field', 'path': 'user.fields.score', 'op': 'gt', 'value': 2.50}]}")
                .replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(kept.errors()).isEmpty();
        assertThat(kept.definition().leaves()).containsExactly(
                new Condition.Field("user.fields.score", FieldOp.EQUALS, "100"),
                new Condition.Field("user.fields.score", FieldOp.GT, "2.5"));
    }

    @Test
    void namesTheAllowedValuesOfAnUnknownEnum() {
        ParseResult result = parse(withTrigger("{'type': 'user.deleted'}"));

        assertThat(result.errors()).singleElement().satisfies(e -> assertThat(e.message())
                .contains("user.signed_up", "coupon.claimed", "tags.removed"));
    }

    @Test
    void reportsEveryErrorAtOnce() {
        ParseResult result = parse("{'name': '', 'triggers': [{'type': 'nope'}], 'actions': [{'type': 'enroll'}]}");

        assertThat(result.errors()).extracting(FieldError::field)
                .containsExactly("name", "triggers[0].type", "actions[0].courseIds");
    }

    @Test
    void acceptsExistsWithoutValueAndAddEmailDomainTagWithoutPrefix() {
        assertThat(parse(withCondition("{'type': 'field', 'path': 'event.fields.x', 'op': 'exists'}")).isValid()).isTrue();
        assertThat(parse(withAction("{'type': 'add_email_domain_tag'}")).definition().actions().get(0).prefix())
                .isEmpty();
    }

    // ---- size limits: refused, never a stack overflow ----

    static ObjectNode nested(String kind, int depth) {
        ObjectNode leaf = MAPPER.createObjectNode().put("type", "has_tags");
        leaf.putArray("tags").add("a");
        ObjectNode node = leaf;
        for (int i = 1; i < depth; i++) {
            ObjectNode parent = MAPPER.createObjectNode();
            if (kind.equals("not")) {
                parent.set("not", node);
            } else {
                parent.putArray(kind).add(node);
            }
            node = parent;
        }
        return node;
    }

    static ParseResult withConditionNode(JsonNode condition) {
        ObjectNode root = (ObjectNode) json(withCondition("{'type': 'has_tags', 'tags': ['a']}"));
        root.set("conditions", condition);
        return DefinitionParser.parse(root);
    }

    @Test
    void acceptsTwentyLevelsAndRefusesTwentyOne() {
        assertThat(withConditionNode(nested("all", 20)).isValid()).isTrue();
        assertThat(withConditionNode(nested("not", 20)).isValid()).isTrue();

        ParseResult tooDeep = withConditionNode(nested("any", 21));
        assertThat(tooDeep.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("conditions" + ".any[0]".repeat(20));
            assertThat(e.message()).contains("deeper than 20");
        });
    }

    @Test
    void refusesAHugelyDeepTreeWithoutOverflowingTheStack() {
        ParseResult result = withConditionNode(nested("not", 100_000));

        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).singleElement().extracting(FieldError::field)
                .isEqualTo("conditions" + ".not".repeat(20));
    }

    @Test
    void acceptsFiveHundredNodesAndRefusesMore() {
        assertThat(withConditionNode(wide(500)).isValid()).isTrue();

        ParseResult result = withConditionNode(wide(501));
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("conditions");
            assertThat(e.message()).contains("500");
        });
    }

    /** A tree of exactly {@code nodes} nodes: an all of any-groups, no list over 100 items. */
    static ObjectNode wide(int nodes) {
        ObjectNode all = MAPPER.createObjectNode();
        ArrayNode groups = all.putArray("all");
        int left = nodes - 1;
        int leaf = 0;
        while (left > 0) {
            ArrayNode items = groups.addObject().putArray("any");
            left--;
            for (int i = 0; i < 99 && left > 0; i++, left--) {
                items.addObject().put("type", "has_any_tag").putArray("tags").add("t" + leaf++);
            }
        }
        return all;
    }

    @Test
    void refusesAListOfMoreThanAHundredItemsAnywhere() {
        ObjectNode all = MAPPER.createObjectNode();
        ArrayNode items = all.putArray("any");
        for (int i = 0; i < 101; i++) {
            items.addObject().put("type", "has_any_tag").putArray("tags").add("t" + i);
        }
        assertThat(withConditionNode(all).errors()).extracting(FieldError::field).containsExactly("conditions.any");
        ParseResult manyTags = parse("{'name': 'n', 'triggers': [{'type': 'tags.added', 'tags': "
                + "[" + "'t',".repeat(100) + "'t']}], 'actions': [{'type': 'add_tags', 'tags': ['x']}]}");
        assertThat(manyTags.errors()).extracting(FieldError::field).containsExactly("triggers[0].tags");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misspelt")
    void refusesUnknownKeysAtTheirPath(String json, String path) {
        ParseResult result = parse(json);
        assertThat(result.isValid()).isFalse();
        assertThat(result.errors()).extracting(FieldError::field).contains(path);
    }

    static Stream<Arguments> misspelt() {
        String actions = "'actions': [{'type': 'add_tags', 'tags': ['x']}]";
        return Stream.of(
                Arguments.of("{'name': 'n', 'triggers': [{'type': 'user.signed_up'}], " + actions
                        + ", 'condition': {'type': 'has_tags', 'tags': ['a']}}", "condition"),
                Arguments.of("{'name': 'n', 'triggers': [{'type': 'tags.added', 'tagz': ['a']}], " + actions + "}",
                        "triggers[0].tagz"),
                Arguments.of("{'name': 'n', 'triggers': [{'type': 'user.signed_up'}], 'actions': "
                        + "[{'type': 'wait', 'duration': 'PT1H', 'unless': {'type': 'has_tags', 'tags': ['a']}}]}",
                        "actions[0].unless"),
                Arguments.of("{'name': 'n', 'triggers': [{'type': 'user.signed_up'}], " + actions
                        + ", 'conditions': {'all': [{'type': 'has_tags', 'tags': ['a']}, {'type': 'has_tags', 'tagz': ['b']}]}}",
                        "conditions.all[1].tagz"),
                Arguments.of("{'name': 'n', 'triggers': [{'type': 'user.signed_up'}], " + actions
                        + ", 'conditions': {'not': {'type': 'field', 'path': 'user.fields.a', 'op': 'exists', 'opp': 1}}}",
                        "conditions.not.opp"),
                Arguments.of("{'name': 'n', 'triggers': [{'type': 'user.signed_up'}], 'actions': "
                        + "[{'type': 'send_email', 'to': 'user', 'subject': 's', 'body': 'b', 'cc': 'x@y.test'}]}",
                        "actions[0].cc"),
                // the key the parser needed to read the rest of the object, misspelt: named, not just "type is required"
                Arguments.of("{'name': 'n', 'triggers': [{'typez': 'user.signed_up'}], " + actions + "}", "triggers[0].typez"),
                Arguments.of("{'name': 'n', 'triggers': [{'type': 'user.signed_up'}], 'actions': [{'Type': 'add_tags', 'tags': ['x']}]}",
                        "actions[0].Type"),
                Arguments.of("{'name': 'n', 'triggers': [{'type': 'user.signed_up'}], " + actions
                        + ", 'conditions': {'all': [{'Not': {'type': 'has_tags', 'tags': ['a']}}]}}", "conditions.all[0].Not"));
    }

    // ---- user text is data: stored verbatim ----

    static final List<String> INJECTIONS = List.of(
            "\"quoted\"", "'single'", "\"); System.exit(1); //", "rule \"x\" when then end",
            "${java.lang.Runtime}", "#{1+1}", "ταγ ✓ 🎓", "back\\slash\\", "\\\"", "a, b", "end", "  spaced  ");

    @Test
    void storesInjectionStringsVerbatim() {
        for (String s : INJECTIONS) {
            ObjectNode root = MAPPER.createObjectNode().put("name", s);
            ObjectNode trigger = root.putArray("triggers").addObject().put("type", "tags.added");
            trigger.putArray("tags").add(s);
            ArrayNode all = root.putObject("conditions").putArray("all");
            all.addObject().put("type", "has_any_tag").putArray("tags").add(s);
            all.addObject().put("type", "source").putArray("sources").add(s);
            all.addObject().put("type", "email_domain").putArray("domains").add(s);
            all.addObject().put("type", "field").put("path", "user.fields." + s).put("op", "equals").put("value", s);
            ArrayNode actions = root.putArray("actions");
            actions.addObject().put("type", "add_tags").putArray("tags").add(s);
            actions.addObject().put("type", "add_email_domain_tag").put("prefix", s);
            String noBraces = s.replace("{", "(").replace("}", ")");
            actions.addObject().put("type", "send_email").put("to", "user").put("subject", noBraces).put("body", noBraces);

            ParseResult result = DefinitionParser.parse(root);

            assertThat(result.errors()).as(s).isEmpty();
            AutomationDefinition d = result.definition();
            assertThat(d.name()).isEqualTo(s);
            assertThat(d.triggers().get(0).tags()).containsExactly(s);
            List<Condition> leaves = ((Condition.All) d.conditions()).conditions();
            assertThat(leaves).containsExactly(new Condition.HasAnyTag(List.of(s)), new Condition.SourceIn(List.of(s)),
                    new Condition.EmailDomain(List.of(s)), new Condition.Field("user.fields." + s, FieldOp.EQUALS, s));
            assertThat(((Condition.Field) leaves.get(3)).name()).isEqualTo(s);
            assertThat(d.actions().get(0).tags()).containsExactly(s);
            assertThat(d.actions().get(1).prefix()).isEqualTo(s);
            assertThat(d.actions().get(2).subject()).isEqualTo(noBraces);
            assertThat(DefinitionParser.parse(DefinitionJson.toJson(d)).definition()).isEqualTo(d);
        }
    }
}
