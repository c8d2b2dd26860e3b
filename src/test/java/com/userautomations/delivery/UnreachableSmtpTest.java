package com.userautomations.delivery;

import com.userautomations.support.School;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.notNullValue;

/** An SMTP server nobody listens on: the stored error says so, without its address or port. */
@QuarkusTest
@TestProfile(UnreachableSmtpTest.NoServer.class)
class UnreachableSmtpTest {
    /** The test SMTP front listens on 127.0.0.1 only: on 127.0.0.2 the connection is refused. */
    public static class NoServer implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.host", "127.0.0.2");
        }
    }

    @Test
    void anUnreachableServerIsStoredAsAPlainSentence() {
        School s = School.create("unreachable").user("u1", Map.of("email", "nobody-home@x.test"));
        s.automation("""
                {"name": "Mail", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "Hi", "body": "b"}]}""");
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/emails").body("items[0].error", notNullValue()));
        String error = s.get("/emails").extract().path("items[0].error");
        assertThat(error).isEqualTo("the mail server could not be reached")
                .doesNotContainPattern(OutboxErrorsTest.INTERNALS);
    }
}
