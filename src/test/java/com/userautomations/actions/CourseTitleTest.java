package com.userautomations.actions;

import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * {@code {course.title}} is never silently empty (issue 11): it reads the event's course, or the
 * one course an earlier action of the run named (the API's own welcome example), and an
 * automation where some trigger leaves it empty is refused at save.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class CourseTitleTest {

    @Test
    void theWelcomeExampleNamesTheCourseItEnrolledIn() {
        School s = School.create("title").course("onboarding", false);
        s.automation("""
                {"name": "Welcome B2B", "triggers": [{"type": "user.signed_up"}],
                 "actions": [{"type": "enroll", "courseIds": ["onboarding"]},
                             {"type": "send_email", "to": "user", "subject": "Welcome {user.firstName}",
                              "body": "Your course {course.title} is ready."}]}""");
        s.event("""
                {"id": "e1", "type": "user.signed_up", "userId": "u1", "user": {"email": "ann@title.test", "firstName": "Ann"}}""");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/emails").body("items", hasSize(1)));
        s.get("/emails").body("items[0].subject", equalTo("Welcome Ann"))
                .body("items[0].body", equalTo("Your course Course onboarding is ready."));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(GreenMailResource.receivedBy("ann@title.test")).hasSize(1));
    }

    @Test
    void theEventsCourseComesFirst() {
        School s = School.create("title").course("c1", false).course("c2", false)
                .user("u1", java.util.Map.of("email", "bo@title.test"));
        s.automation("""
                {"name": "Next", "triggers": [{"type": "user.enrolled", "courseIds": ["c1"]}],
                 "actions": [{"type": "enroll", "courseIds": ["c2"]},
                             {"type": "send_email", "to": "user", "subject": "S", "body": "You finished {course.title}"}]}""");
        s.event("""
                {"id": "e1", "type": "user.enrolled", "userId": "u1", "courseId": "c1"}""");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/emails").body("items", hasSize(1)));
        s.get("/emails").body("items[0].body", equalTo("You finished Course c1"));
    }

    @Test
    void aCourseTitleASignUpCannotFillIsRefusedAtTheFieldAndNothingIsSaved() {
        School s = School.create("title");
        s.key.req().body("""
                        {"name": "Typo", "triggers": [{"type": "user.signed_up"}],
                         "actions": [{"type": "send_email", "to": "user", "subject": "Hi", "body": "Your course {course.title} is ready."}]}""")
                .post(s.key.path("/automations")).then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors", hasSize(1))
                .body("errors[0].field", equalTo("actions[0].body"))
                .body("errors[0].message", containsString("user.signed_up events name no course"))
                .body("errors[0].message", containsString("user.enrolled"));
        s.get("/automations").statusCode(200).body("items", empty());
    }
}
