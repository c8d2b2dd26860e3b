package com.userautomations.delivery;

import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

/**
 * With no SMTP configured (the default build: the mailer's mock mode) an email is recorded and
 * logged, not sent: /emails says so with "delivered": false (issue 11, honest answers), while its
 * status stays within the documented enum.
 */
@QuarkusTest
@TestProfile(NoSmtpEmailTest.NoSmtp.class)
class NoSmtpEmailTest {
    public static class NoSmtp implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.mock", "true");
        }
    }

    @Test
    void anEmailRecordedWithoutSmtpIsNotDelivered() {
        School s = School.create("no-smtp").user("u1", Map.of("email", "nobody@no-smtp.test"));
        String a = s.automation("""
                {"name": "Mail", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Hi", "body": "b"}]}""");
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
        s.get("/emails").statusCode(200).body("items", hasSize(1)).body("items[0].delivered", equalTo(false));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/emails").body("items[0].status", equalTo("sent")));
        s.get("/emails?automationId=" + a).statusCode(200).body("items", hasSize(1))
                .body("items[0].status", equalTo("sent"))
                .body("items[0].delivered", equalTo(false))
                .body("items[0].sentAt", notNullValue())
                .body("items[0].error", nullValue())
                .body("nextCursor", nullValue());
    }
}
