package com.userautomations.delivery;

import com.userautomations.support.FlakySmtp;
import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue defect 3: one school's slow sends must not starve another school. School A queues a
 * dozen emails to a domain the SMTP server is slow for (3 s per recipient, so 36 s one after
 * the other); school B's one email, queued after them, is still delivered within seconds.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class OutboxFairnessTest {
    private static final int SLOW_EMAILS = 12;

    @Test
    void aSchoolWithSlowSendsAndABacklogDoesNotHoldBackAnother() {
        String slowDomain = "slow-fair.test";
        School a = School.create("fair-a").user("u1", Map.of("email", "learner@" + slowDomain));
        a.automation("""
                {"name": "Mail", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "A", "body": "a"}]}""");
        School b = School.create("fair-b").user("u1", Map.of("email", "quick-fair@x.test"));
        b.automation("""
                {"name": "Mail", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "B", "body": "b"}]}""");

        FlakySmtp.get().holdRecipientsAt(slowDomain, Duration.ofSeconds(3));
        try {
            String events = IntStream.range(0, SLOW_EMAILS).mapToObj(i -> """
                    {"id": "e%d", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""".formatted(i))
                    .collect(Collectors.joining(",", "{\"events\": [", "]}"));
            a.key.req().body(events).post(a.key.path("/events:batch")).then().statusCode(200);
            // A's sends have started and hold their senders
            await().atMost(Duration.ofSeconds(10)).until(() -> FlakySmtp.get().mostHeldAtOnce() >= 1);

            b.event("""
                    {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    b.get("/emails").body("items[0].status", equalTo("sent")));
            assertThat(GreenMailResource.receivedBy("quick-fair@x.test")).hasSize(1);

            // B went first though A's backlog was still there: most of A's emails are not sent yet
            List<String> statuses = a.get("/emails?limit=100").extract().path("items.status");
            assertThat(statuses).hasSize(SLOW_EMAILS);
            assertThat(statuses.stream().filter("sent"::equals).count()).isLessThan(SLOW_EMAILS / 2);
            // and A never had more than its share of the email senders (4 by default, of the server's 8)
            assertThat(FlakySmtp.get().mostHeldAtOnce()).isLessThanOrEqualTo(4);
        } finally {
            FlakySmtp.get().holdRecipientsAt(slowDomain, null);
            await().atMost(Duration.ofSeconds(15)).until(() -> FlakySmtp.get().heldNow() == 0);
        }
    }
}
