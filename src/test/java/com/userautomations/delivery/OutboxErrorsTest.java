package com.userautomations.delivery;

import com.userautomations.support.FlakySmtp;
import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

/**
 * Issue defect 9: an email's stored error is a plain sentence. The SMTP server's own words, its
 * host and port, and the mailer's class names stay in the log.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class OutboxErrorsTest {
    /** What must never be in a stored error: a qualified class name, a class-like name, a loopback address. */
    static final Pattern INTERNALS = Pattern.compile("[a-z]+\\.[a-z]+\\.[A-Z]|Exception|Throwable|127\\.0\\.0\\."
            + "|localhost|\\b\\d{4,5}\\b");

    @AfterEach
    void normal() {
        FlakySmtp.get().refuseNext(0);
        FlakySmtp.get().refuseWith(null);
    }

    private static School mailingTo(String address) {
        School s = School.create("errors").user("u1", Map.of("email", address, "firstName", "Ed"));
        s.automation("""
                {"name": "Mail", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Hi {user.firstName}", "body": "b"}]}""");
        return s;
    }

    @Test
    void aRefusingServerIsStoredAsAPlainSentence() {
        School s = mailingTo("refused-plain@x.test");
        int port = FlakySmtp.get().port();
        FlakySmtp.get().refuseWith("421 4.3.2 mx1.internal.test[127.0.0.1]:" + port + " busy\r\n");
        FlakySmtp.get().refuseNext(Integer.MAX_VALUE);
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
        // the first attempt's error: the greeting refuses at once (a later attempt may also time out)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                s.get("/emails").body("items[0].error", notNullValue()));
        String error = s.get("/emails").extract().path("items[0].error");
        assertThat(error).isEqualTo("the mail server refused the message");
        assertThat(error).doesNotContainPattern(INTERNALS).doesNotContain(String.valueOf(port)).doesNotContain("mx1");
    }

    @Test
    void aServerThatDoesNotAnswerInTimeIsStoredAsAPlainSentence() {
        // the send timeout in tests is 5 s; this server takes 7 s to accept a recipient
        School s = mailingTo("slow-plain@silent-errors.test");
        FlakySmtp.get().holdRecipientsAt("silent-errors.test", Duration.ofSeconds(7));
        try {
            s.event("""
                    {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
            await().atMost(Duration.ofSeconds(25)).untilAsserted(() ->
                    s.get("/emails").body("items[0].error", notNullValue()));
            String error = s.get("/emails").extract().path("items[0].error");
            assertThat(error).isEqualTo("the mail server did not answer in time").doesNotContainPattern(INTERNALS);
        } finally {
            FlakySmtp.get().holdRecipientsAt("silent-errors.test", null);
            // a timed-out send goes on in the mailer until the server answers: let it end before the next test
            // (while one is held, a refusal has been seen reported as a timeout; see the branch's report)
            await().atMost(Duration.ofSeconds(15)).until(() -> FlakySmtp.get().heldNow() == 0);
        }
    }
}
