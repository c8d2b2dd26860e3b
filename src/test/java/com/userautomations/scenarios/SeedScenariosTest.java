package com.userautomations.scenarios;

import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import com.userautomations.webhooks.WebhookReceiver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import com.userautomations.support.OutboundToLocalhost;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

/** The seed scenarios, each end to end through REST on PostgreSQL, with GreenMail as the SMTP server. */
@QuarkusTest
@TestProfile(OutboundToLocalhost.class)
@QuarkusTestResource(GreenMailResource.class)
class SeedScenariosTest {

    @Test
    void signUpEnrollsInCourses() {
        School s = School.create("seed").course("intro", false).course("basics", false);
        String a = s.automation("""
                {"name": "Welcome", "triggers": [{"type": "user.signed_up"}],
                 "actions": [{"type": "enroll", "courseIds": ["intro", "basics"]}]}""");
        s.event("""
                {"id": "e1", "type": "user.signed_up", "userId": "u1", "user": {"email": "ann@corp.test", "firstName": "Ann"}}""")
                .body("runs", hasSize(1)).body("runs[0].automationId", equalTo(a)).body("runs[0].version", equalTo(1))
                .body("runs[0].status", equalTo("completed"));
        s.getUser("u1").body("enrollments.courseId", containsInAnyOrder("intro", "basics"))
                .body("enrollments.status", contains("active", "active"))
                .body("role", equalTo("learner"));
    }

    @Test
    void signUpTagsOnlyIfRegisteredAfterADate() {
        School s = School.create("seed");
        s.automation("""
                {"name": "FB campaign", "triggers": [{"type": "user.signed_up"}],
                 "conditions": {"all": [{"type": "registered_after", "date": "2026-06-01T00:00:00Z"}]},
                 "actions": [{"type": "add_tags", "tags": ["fb-campaign"]}]}""");
        s.event("""
                {"id": "late", "type": "user.signed_up", "userId": "late", "occurredAt": "2026-07-01T10:00:00Z",
                 "user": {"email": "late@x.test"}}""").body("runs", hasSize(1));
        s.event("""
                {"id": "early", "type": "user.signed_up", "userId": "early", "occurredAt": "2026-05-01T10:00:00Z",
                 "user": {"email": "early@x.test"}}""").body("runs", empty());
        s.getUser("late").body("tags", contains("fb-campaign")).body("registeredAt", equalTo("2026-07-01T10:00:00Z"));
        s.getUser("early").body("tags", empty());
    }

    @Test
    void emailDomainBecomesATag() {
        School s = School.create("seed");
        s.automation("""
                {"name": "Domain", "triggers": [{"type": "user.signed_up"}],
                 "actions": [{"type": "add_email_domain_tag", "prefix": "domain:"}]}""");
        s.event("""
                {"id": "e1", "type": "user.signed_up", "userId": "u1", "user": {"email": "Bob@Corp.Example.TEST"}}""");
        s.getUser("u1").body("tags", contains("domain:corp.example.test"));
    }

    @Test
    void enrollmentAddsToAPrivateSpaceAndUnenrollmentRemoves() {
        School s = School.create("seed").course("pro", true).space("pro-club", true)
                .user("u1", Map.of("email", "u1@x.test"));
        s.automation("""
                {"name": "Join club", "triggers": [{"type": "user.enrolled", "courseIds": ["pro"]}],
                 "actions": [{"type": "add_to_space", "spaceIds": ["pro-club"]}]}""");
        s.automation("""
                {"name": "Leave club", "triggers": [{"type": "user.unenrolled", "courseIds": ["pro"]}],
                 "actions": [{"type": "remove_from_space", "spaceIds": ["pro-club"]}]}""");
        s.event("""
                {"id": "e1", "type": "user.enrolled", "userId": "u1", "courseId": "pro"}""").body("runs", hasSize(1));
        s.getUser("u1").body("spaces", contains("pro-club")).body("enrollments[0].status", equalTo("active"));
        s.event("""
                {"id": "e2", "type": "user.unenrolled", "userId": "u1", "courseId": "pro", "reason": "expired"}""")
                .body("runs", hasSize(1));
        s.getUser("u1").body("spaces", empty()).body("enrollments[0].status", equalTo("unenrolled"));
    }

    @Test
    void formSubmissionEmailsTheSubmitterWebinarAndEbook() throws Exception {
        School s = School.create("seed").user("known", Map.of("email", "known@" + "seed.test", "firstName", "Kim"));
        s.automation("""
                {"name": "Webinar", "triggers": [{"type": "form.submitted", "formIds": ["webinar"]}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "You are in, {user.firstName}",
                              "body": "Join at {event.fields.joinUrl}"}]}""");
        s.automation("""
                {"name": "Ebook", "triggers": [{"type": "form.submitted", "formIds": ["ebook"]}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Your ebook",
                              "body": "Hi {user.firstName}, download it at https://x.test/ebook.pdf"}]}""");
        String lead = "lead-" + s.id() + "@mail.test";
        s.event("""
                {"id": "f1", "type": "form.submitted", "formId": "ebook",
                 "fields": {"email": "%s", "firstName": "Lea", "lastName": "Stone"}}""".formatted(lead))
                .body("runs", hasSize(1));
        s.event("""
                {"id": "f2", "type": "form.submitted", "formId": "webinar", "userId": "known",
                 "fields": {"joinUrl": "https://meet.test/w1"}}""").body("runs", hasSize(1));
        s.key.req().get(s.key.path("/users")).then().statusCode(200)
                .body("items.email", hasItem(lead)).body("items.find { it.email == '%s' }.role".formatted(lead),
                        equalTo("lead"));

        List<MimeMessage> ebook = awaitMail(lead, 1);
        assertThat(ebook.get(0).getSubject()).isEqualTo("Your ebook");
        assertThat(body(ebook.get(0))).contains("Hi Lea, download it at https://x.test/ebook.pdf");
        List<MimeMessage> webinar = awaitMail("known@seed.test".replace("seed.test", "seed.test"), 1);
        assertThat(webinar.get(0).getSubject()).isEqualTo("You are in, Kim");
        assertThat(body(webinar.get(0))).contains("Join at https://meet.test/w1");
        s.get("/emails").statusCode(200).body("items", hasSize(2));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                s.get("/emails").body("items.status", contains("sent", "sent")));
    }

    @Test
    void paidPreviewEmailsAndTags() throws Exception {
        School s = School.create("seed").course("masterclass", true)
                .user("u1", Map.of("email", "viewer@" + "preview.test", "firstName", "Vic"));
        s.automation("""
                {"name": "Preview nurture", "triggers": [{"type": "course.previewed", "courseIds": ["masterclass"]}],
                 "actions": [{"type": "add_tags", "tags": ["previewed-masterclass"]},
                             {"type": "send_email", "to": "user", "subject": "Liked {course.title}?",
                              "body": "{user.firstName}, get 20% off {course.title} today."}]}""");
        s.event("""
                {"id": "p1", "type": "course.previewed", "userId": "u1", "courseId": "masterclass"}""")
                .body("runs", hasSize(1));
        s.getUser("u1").body("tags", contains("previewed-masterclass"));
        List<MimeMessage> mails = awaitMail("viewer@preview.test", 1);
        assertThat(mails.get(0).getSubject()).isEqualTo("Liked Course masterclass?");
        assertThat(body(mails.get(0))).contains("Vic, get 20% off Course masterclass today.");
    }

    @Test
    void completionAndCertificateEmailTheAdmins() throws Exception {
        School s = School.create("seed").course("c1", false).user("u1", Map.of("email", "grad@x.test", "firstName", "Gus"));
        s.automation("""
                {"name": "Completed", "triggers": [{"type": "course.completed", "courseIds": ["c1"]}],
                 "actions": [{"type": "send_email", "to": "admins", "subject": "{user.firstName} completed {course.title}",
                              "body": "{user.email} finished."}]}""");
        s.automation("""
                {"name": "Certificate", "triggers": [{"type": "certificate.awarded"}],
                 "actions": [{"type": "send_email", "to": "admins", "subject": "Certificate for {user.firstName}",
                              "body": "Awarded in {school.name}."}]}""");
        s.event("""
                {"id": "c", "type": "course.completed", "userId": "u1", "courseId": "c1"}""").body("runs", hasSize(1));
        s.event("""
                {"id": "cert", "type": "certificate.awarded", "userId": "u1", "courseId": "c1", "certificateId": "cert-9"}""")
                .body("runs", hasSize(1));
        for (int admin = 0; admin < 2; admin++) {
            List<MimeMessage> mails = awaitMail(s.adminEmail(admin), 2);
            assertThat(mails).extracting(MimeMessage::getSubject)
                    .containsExactlyInAnyOrder("Gus completed Course c1", "Certificate for Gus");
        }
        s.getUser("u1").body("enrollments[0].status", equalTo("completed"));
    }

    @Test
    void tagRemovalUnenrolls() {
        School s = School.create("seed").course("club", false)
                .user("u1", Map.of("email", "m@x.test", "tags", List.of("member")));
        s.automation("""
                {"name": "Lapsed", "triggers": [{"type": "tags.removed", "tags": ["member"]}],
                 "actions": [{"type": "unenroll", "courseIds": ["club"]}]}""");
        s.event("""
                {"id": "en", "type": "user.enrolled", "userId": "u1", "courseId": "club"}""");
        s.event("""
                {"id": "rm", "type": "tags.removed", "userId": "u1", "tags": ["member"]}""").body("runs", hasSize(1));
        s.getUser("u1").body("tags", empty()).body("enrollments[0].status", equalTo("unenrolled"));
    }

    @Test
    void couponClaimTags() {
        School s = School.create("seed").user("u1", Map.of("email", "c@x.test"));
        s.automation("""
                {"name": "BF", "triggers": [{"type": "coupon.claimed", "couponCodes": ["BF2026"]}],
                 "actions": [{"type": "add_tags", "tags": ["black-friday"]}]}""");
        s.event("""
                {"id": "k0", "type": "coupon.claimed", "userId": "u1", "couponCode": "SPRING"}""").body("runs", empty());
        s.getUser("u1").body("tags", empty());
        s.event("""
                {"id": "k1", "type": "coupon.claimed", "userId": "u1", "couponCode": "BF2026"}""").body("runs", hasSize(1));
        s.getUser("u1").body("tags", contains("black-friday"));
    }

    @Test
    void aTagCompletesCourses() {
        School s = School.create("seed").course("c1", false).course("c2", false).user("u1", Map.of("email", "t@x.test"));
        s.automation("""
                {"name": "Graduate", "triggers": [{"type": "tags.added", "tags": ["graduate"]}],
                 "actions": [{"type": "complete_courses", "courseIds": ["c1", "c2"]}]}""");
        s.event("""
                {"id": "e1", "type": "tags.added", "userId": "u1", "tags": ["graduate"]}""").body("runs", hasSize(1));
        s.getUser("u1").body("enrollments.status", contains("completed", "completed"))
                .body("enrollments.courseId", contains("c1", "c2"));
    }

    @Test
    void threeTagsAddedAtDifferentTimesEnrollInTheBonusCourse() {
        School s = School.create("seed").course("bonus", false).user("u1", Map.of("email", "t@x.test"));
        String a = s.automation("""
                {"name": "T1 T2 T3", "triggers": [{"type": "tags.added", "tags": ["t1", "t2", "t3"]}],
                 "actions": [{"type": "enroll", "courseIds": ["bonus"]}]}""");
        s.event("""
                {"id": "a", "type": "tags.added", "userId": "u1", "tags": ["t1"]}""").body("runs", empty());
        s.event("""
                {"id": "b", "type": "tags.added", "userId": "u1", "tags": ["t3", "other"]}""").body("runs", empty());
        s.getUser("u1").body("enrollments", empty());
        s.event("""
                {"id": "c", "type": "tags.added", "userId": "u1", "tags": ["t2"]}""")
                .body("runs", hasSize(1)).body("runs[0].automationId", equalTo(a));
        s.getUser("u1").body("enrollments.courseId", contains("bonus"))
                .body("tags", contains("other", "t1", "t2", "t3"));
        s.event("""
                {"id": "d", "type": "tags.added", "userId": "u1", "tags": ["t2"]}""").body("runs", empty());
        s.get("/runs?automationId=" + a).body("items", hasSize(1)).body("items[0].eventId", equalTo("c"))
                .body("items[0].actions[0].status", equalTo("done")).body("items", not(empty()));
    }

    /**
     * The platform hears of what the automation did: the enrollment it made arrives at the
     * school's endpoint as user.enrolled, naming the automation, the run and the event behind it,
     * signed (the receiver checks every signature with its own verifier).
     */
    @Test
    void anEnrollmentMadeByAnAutomationReachesThePlatformAsUserEnrolled() throws Exception {
        try (WebhookReceiver platform = WebhookReceiver.start()) {
            School s = School.create("seed").course("bonus", false).user("u1", Map.of("email", "t@x.test"));
            var hook = s.key.req().body("{\"url\": \"" + platform.url("/lms/hooks") + "\", \"events\": [\"user.enrolled\"]}")
                    .post(s.key.path("/webhooks")).then().statusCode(201).extract();
            platform.trust(hook.path("secret"));
            String a = s.automation("""
                    {"name": "T1 T2", "triggers": [{"type": "tags.added", "tags": ["t1", "t2"]}],
                     "actions": [{"type": "enroll", "courseIds": ["bonus"]}]}""");
            s.event("""
                    {"id": "a", "type": "tags.added", "userId": "u1", "tags": ["t1"]}""").body("runs", empty());
            String run = s.event("""
                    {"id": "b", "type": "tags.added", "userId": "u1", "tags": ["t2"], "occurredAt": "2026-12-02T08:30:00Z"}""")
                    .body("runs", hasSize(1)).extract().path("runs[0].runId");

            assertThat(platform.awaitDeliveries(1, Duration.ofSeconds(20))).isTrue();
            WebhookReceiver.Delivery d = platform.deliveries().get(0);
            assertThat(d.verified()).as(d.failure()).isTrue();
            assertThat(d.type()).isEqualTo("user.enrolled");
            var data = new com.fasterxml.jackson.databind.ObjectMapper().readTree(d.body()).get("data");
            assertThat(data.get("courseId").textValue()).isEqualTo("bonus");
            assertThat(data.get("userId").textValue()).isEqualTo("u1");
            assertThat(data.get("automationId").textValue()).isEqualTo(a);
            assertThat(data.get("runId").textValue()).isEqualTo(run);
            assertThat(data.get("eventId").textValue()).isEqualTo("b");
            assertThat(data.get("occurredAt").textValue()).isEqualTo("2026-12-02T08:30:00Z");
            assertThat(data.get("step").textValue()).isEqualTo("actions[0]");
            Thread.sleep(1000);
            assertThat(platform.deliveries()).hasSize(1);
        }
    }

    static List<MimeMessage> awaitMail(String address, int count) {
        await().atMost(Duration.ofSeconds(15)).until(() -> GreenMailResource.receivedBy(address).size() >= count);
        List<MimeMessage> mails = GreenMailResource.receivedBy(address);
        assertThat(mails).hasSize(count);
        return mails;
    }

    static String body(MimeMessage m) throws Exception {
        Object content = m.getContent();
        return content instanceof String text ? text : String.valueOf(content);
    }
}
