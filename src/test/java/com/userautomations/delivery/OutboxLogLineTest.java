package com.userautomations.delivery;

import com.userautomations.support.FlakySmtp;
import com.userautomations.support.GreenMailResource;
import com.userautomations.support.LogCapture;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue defect 6: text from outside (here a server reply echoing what it was sent, with a line
 * break in it) never reaches a log line raw, so it cannot forge a line of its own.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class OutboxLogLineTest {

    @Test
    void aFailedSendLogsOneLineWhateverTheFailureSays() {
        School s = School.create("logline").user("u1", Map.of("email", "forged-log@x.test"));
        s.automation("""
                {"name": "Mail", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Hi", "body": "b"}]}""");
        try (LogCapture log = LogCapture.of("com.userautomations")) {
            FlakySmtp.get().refuseWith("421-4.3.2 not now\r\n421 4.3.2 12:00:00 ERROR [c.u.FORGED] admin logged in\r\n");
            FlakySmtp.get().refuseNext(Integer.MAX_VALUE);
            s.event("""
                    {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    s.get("/emails").body("items[0].status", equalTo("failed")));
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("forged-log@x.test"));
            assertThat(log.lines()).allSatisfy(line -> assertThat(line).doesNotContain("\r").doesNotContain("\n")
                    .doesNotContain("\u2028").doesNotContain("\u0085"));
        } finally {
            FlakySmtp.get().refuseNext(0);
            FlakySmtp.get().refuseWith(null);
        }
    }
}
