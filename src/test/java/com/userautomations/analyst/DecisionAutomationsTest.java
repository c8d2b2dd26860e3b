package com.userautomations.analyst;

import com.userautomations.support.DemoAcademy;
import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/**
 * Automations that use the DMN example rules-dmn/schools/demo-academy/learner-segments.dmn,
 * end to end through REST on PostgreSQL: the decision as a condition and as the source of a tag,
 * and the check at save. They trigger on the welcome survey only, so that the sign-up tests of
 * the same school see none of their runs.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class DecisionAutomationsTest {
    private static final String SURVEY = "welcome-survey";

    @Test
    void addTagFromDecisionTagsEachLearnerWithTheirSegment() {
        School s = DemoAcademy.school();
        String segment = s.automation("""
                {"name": "Segment survey respondents", "triggers": [{"type": "form.submitted", "formIds": ["welcome-survey"]}],
                 "actions": [{"type": "add_tag_from_decision", "model": "learner-segments", "decision": "Segment"}]}""");
        try {
            signUp(s, "seg-pia", "pia@university.example", "organic");
            signUp(s, "seg-fay", "fay@mail.example", "facebook-ads");
            signUp(s, "seg-oli", "oli@mail.example", "newsletter");
            survey(s, "seg-pia").body("runs.automationId", contains(segment)).body("runs[0].status", equalTo("completed"));
            survey(s, "seg-fay");
            survey(s, "seg-oli");

            s.getUser("seg-pia").body("tags", contains("segment:academic"));
            s.getUser("seg-fay").body("tags", contains("segment:paid-ads"));
            s.getUser("seg-oli").body("tags", contains("segment:self-serve"));
            s.get("/runs?eventId=survey-seg-pia").statusCode(200)
                    .body("items[0].actions.type", contains("add_tag_from_decision"))
                    .body("items[0].actions.status", contains("done"));
        } finally {
            delete(s, segment);
        }
    }

    @Test
    void aDecisionConditionDecidesWhetherTheAutomationRuns() {
        School s = DemoAcademy.school();
        String academic = s.automation("""
                {"name": "Academic track", "triggers": [{"type": "form.submitted", "formIds": ["welcome-survey"]}],
                 "conditions": {"all": [{"type": "decision", "model": "learner-segments", "decision": "Segment",
                                         "equals": "segment:academic"}]},
                 "actions": [{"type": "enroll", "courseIds": ["academic-track"]}]}""");
        try {
            signUp(s, "cond-ada", "ada@college.example", "organic");
            signUp(s, "cond-bob", "bob@mail.example", "organic");
            survey(s, "cond-ada").body("runs.automationId", contains(academic));
            survey(s, "cond-bob").body("runs", empty());

            s.getUser("cond-ada").body("enrollments.courseId", contains("academic-track"));
            s.getUser("cond-bob").body("enrollments", empty());
            // the rule reads the decision like any constraint: /drl shows it as data
            s.get("/automations/" + academic + "/drl").statusCode(200)
                    .body(containsString("Predicates.decisionEquals(this, \"learner-segments\", \"Segment\", \"string\", \"segment:academic\")"));
        } finally {
            delete(s, academic);
        }
    }

    @Test
    void aModelOrDecisionThatIsNotLoadedIsRefusedAtSave() {
        School s = DemoAcademy.school();
        int before = automationCount(s);
        s.key.req().body("""
                {"name": "Unknown model", "triggers": [{"type": "form.submitted"}],
                 "conditions": {"any": [{"type": "decision", "model": "no-such-model", "decision": "Segment", "equals": "x"}]},
                 "actions": [{"type": "add_tag_from_decision", "model": "learner-segments", "decision": "Score"}]}""")
                .post(s.key.path("/automations")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors.field", contains("conditions.any[0].model", "actions[0].decision"))
                .body("errors[0].message", containsString("no DMN model named 'no-such-model'"))
                .body("errors[0].message", containsString("learner-segments"))
                .body("errors[1].message", containsString("has no decision named 'Score'; it has: Segment"));
        s.key.req().body("""
                {"name": "No equals", "triggers": [{"type": "form.submitted"}],
                 "conditions": {"type": "decision", "model": "learner-segments", "decision": "Segment", "equals": {"a": 1}},
                 "actions": [{"type": "add_tags", "tags": ["x"]}]}""")
                .post(s.key.path("/automations")).then().statusCode(422)
                .body("errors.field", contains("conditions.equals"));
        org.assertj.core.api.Assertions.assertThat(automationCount(s)).isEqualTo(before);
    }

    @Test
    void anotherSchoolCannotUseDemoAcademysModel() {
        School other = School.create("dmn-other");
        other.key.req().body("""
                {"name": "Borrowed model", "triggers": [{"type": "user.signed_up"}],
                 "actions": [{"type": "add_tag_from_decision", "model": "learner-segments", "decision": "Segment"}]}""")
                .post(other.key.path("/automations")).then().statusCode(422)
                .body("errors.field", contains("actions[0].model"))
                .body("errors[0].message", containsString("(there are none)"));
        other.get("/automations").statusCode(200).body("items", hasSize(0));
    }

    @Test
    void injectionTextInADecisionConditionIsOnlyData() {
        School s = DemoAcademy.school();
        String hostile = "\"); System.exit(1); //${x}#{y}\\u0022";
        String id = s.automation("""
                {"name": "Hostile value", "triggers": [{"type": "form.submitted", "formIds": ["welcome-survey"]}],
                 "conditions": {"type": "decision", "model": "learner-segments", "decision": "Segment", "equals": %s},
                 "actions": [{"type": "add_tags", "tags": ["never"]}]}""".formatted(
                com.userautomations.common.JsonBodies.MAPPER.valueToTree(hostile).toString()));
        try {
            signUp(s, "inj-ian", "ian@mail.example", "organic");
            survey(s, "inj-ian").body("runs.automationId", not(hasItem(id)));
            s.getUser("inj-ian").body("tags", not(hasItem("never")));
            s.get("/automations/" + id).statusCode(200).body("conditions.equals", equalTo(hostile));
        } finally {
            delete(s, id);
        }
    }

    private static void signUp(School s, String userId, String email, String source) {
        s.event("""
                {"id": "signup-%s", "type": "user.signed_up", "userId": "%s", "user": {"email": "%s", "source": "%s"}}"""
                .formatted(userId, userId, email, source));
    }

    private static io.restassured.response.ValidatableResponse survey(School s, String userId) {
        return s.event("""
                {"id": "survey-%s", "type": "form.submitted", "userId": "%s", "formId": "%s"}""".formatted(userId, userId, SURVEY));
    }

    private static void delete(School s, String automationId) {
        s.key.req().delete(s.key.path("/automations/" + automationId)).then().statusCode(204);
    }

    private static int automationCount(School s) {
        List<?> items = s.get("/automations").statusCode(200).extract().path("items");
        return items.size();
    }
}
