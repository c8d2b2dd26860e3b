package com.userautomations.analyst;

import com.userautomations.support.DemoAcademy;
import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;

/**
 * The examples shipped in rules-dmn/ (scoped to the school demo-academy), end to end through
 * REST on PostgreSQL: the service loads the real folder at start-up. Each test uses email
 * domains the others do not, since they share the school.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class AnalystRulesTest {
    private static final String B2B_RULE = "rule:B2B sign-up by email domain";

    private static School demo() {
        return DemoAcademy.school();
    }

    @Test
    void theDrlRuleTagsEnrollsAndWelcomesB2bSignUps() {
        School s = demo();
        s.event("""
                {"id": "drl-1", "type": "user.signed_up", "userId": "una", "user": {"email": "una@umbrella.example", "firstName": "Una"}}""")
                .body("runs", hasSize(1))
                .body("runs[0].automationId", equalTo(B2B_RULE)).body("runs[0].version", equalTo(0))
                .body("runs[0].status", equalTo("completed"));

        s.getUser("una").body("tags", contains("b2b")).body("enrollments.courseId", contains("b2b-onboarding"));
        s.get("/runs?eventId=drl-1").statusCode(200).body("items", hasSize(1))
                .body("items[0].automationId", equalTo(B2B_RULE))
                .body("items[0].actions.type", contains("add_tags", "enroll", "send_email"));
        List<MimeMessage> mails = awaitMail("una@umbrella.example");
        assertThat(subject(mails.get(0))).isEqualTo("Welcome to School demo-academy, Una");
        s.get("/runs?eventId=drl-1").body("items[0].actions.status", everyItem(equalTo("done")));
        s.get("/emails?userId=una").body("items[0].automationId", equalTo(B2B_RULE));
    }

    @Test
    void theDecisionTableMapsTheDomainToAnOrganisationTagAndCourse() {
        School s = demo();
        s.event("""
                {"id": "table-1", "type": "user.signed_up", "userId": "hal", "user": {"email": "Hal@Hooli.Example"}}""")
                .body("runs", hasSize(1))
                .body("runs[0].automationId", equalTo("rule:Organisation by email domain_12"))
                .body("runs[0].status", equalTo("completed"));

        s.getUser("hal").body("tags", contains("org:hooli")).body("enrollments.courseId", contains("hooli-onboarding"));
    }

    @Test
    void automationsAndAnalystRulesAnswerInOneEventAndChain() {
        School s = demo().space("globex-club", true);
        String welcome = s.automation("""
                {"name": "Welcome Globex", "triggers": [{"type": "user.signed_up"}],
                 "conditions": {"all": [{"type": "email_domain", "domains": ["globex.example"]}]},
                 "actions": [{"type": "add_tags", "tags": ["welcome"]}]}""");
        // reacts to a tag an analyst rule added: chains work the same way
        String club = s.automation("""
                {"name": "Globex club", "triggers": [{"type": "tags.added", "tags": ["org:globex"]}],
                 "actions": [{"type": "add_to_space", "spaceIds": ["globex-club"]}]}""");

        s.event("""
                {"id": "both-1", "type": "user.signed_up", "userId": "gil", "user": {"email": "gil@globex.example"}}""")
                .body("runs.automationId", containsInAnyOrder(welcome, B2B_RULE, "rule:Organisation by email domain_10", club))
                .body("runs[0].automationId", equalTo(welcome))
                .body("runs.status", everyItem(equalTo("completed")));

        s.getUser("gil").body("tags", containsInAnyOrder("welcome", "b2b", "org:globex"))
                .body("enrollments.courseId", containsInAnyOrder("b2b-onboarding", "globex-onboarding"))
                .body("spaces", contains("globex-club"));
        s.get("/runs?eventId=both-1&automationId=" + club).body("items[0].depth", equalTo(1));
    }

    @Test
    void aRecordedActionTheSchoolCannotCarryOutIsSkippedWithTheReason() {
        School s = demo();
        s.event("""
                {"id": "skip-1", "type": "user.signed_up", "userId": "ivy", "user": {"email": "ivy@initech.example"}}""")
                .body("runs.automationId", containsInAnyOrder(B2B_RULE, "rule:Organisation by email domain_11"));

        s.get("/runs?eventId=skip-1&automationId=rule:Organisation by email domain_11").statusCode(200)
                .body("items[0].status", equalTo("completed"))
                .body("items[0].actions.type", contains("add_tags", "enroll"))
                .body("items[0].actions.status", contains("done", "skipped"))
                .body("items[0].actions[1].error", equalTo("no course 'initech-onboarding' in this school"));
        s.getUser("ivy").body("tags", containsInAnyOrder("b2b", "org:initech"))
                .body("enrollments.courseId", contains("b2b-onboarding"));
    }

    @Test
    void aSchoolsRulesDoNotRunForAnotherSchool() {
        School other = School.create("other").course("b2b-onboarding", false);
        other.event("""
                {"id": "other-1", "type": "user.signed_up", "userId": "gus", "user": {"email": "gus@globex.example"}}""")
                .body("runs", empty());
        other.getUser("gus").body("tags", empty());
    }

    @Test
    void theDuplicateOfAnEventAnswersTheSameAnalystRuns() {
        School s = demo();
        String body = """
                {"id": "dup-1", "type": "user.signed_up", "userId": "uma", "user": {"email": "uma@umbrella.example"}}""";
        String runId = s.event(body).body("runs", hasSize(1)).extract().path("runs[0].runId");
        s.post(body).statusCode(200).body("duplicate", equalTo(true)).body("runs[0].runId", equalTo(runId));
        s.get("/runs?automationId=" + B2B_RULE + "&userId=uma").body("items", hasSize(1));
    }

    private static List<MimeMessage> awaitMail(String to) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !GreenMailResource.receivedBy(to).isEmpty());
        return GreenMailResource.receivedBy(to);
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
