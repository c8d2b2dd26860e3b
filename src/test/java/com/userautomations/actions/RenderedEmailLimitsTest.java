package com.userautomations.actions;

import com.userautomations.support.GreenMailResource;
import com.userautomations.support.School;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

/**
 * API.md 1.1 "Rendered messages are bounded": after merge fields, a subject over 998 characters
 * or a body over 256 KiB fails the action with the reason, and nothing is stored or sent.
 */
@QuarkusTest
@QuarkusTestResource(GreenMailResource.class)
class RenderedEmailLimitsTest {
    private static final int KIB = 1024;

    /** A school whose one user's field {@code big} holds {@code value}, and a send_email of these templates. */
    private static School mailing(String address, String value, String subject, String body) {
        School s = School.create("bounds").user("u1", Map.of("email", address, "fields", Map.of("big", value)));
        s.automation("""
                {"name": "Mail", "triggers": [{"type": "coupon.claimed"}],
                 "actions": [{"type": "send_email", "to": "user", "subject": "%s", "body": "%s"},
                             {"type": "add_tags", "tags": ["after"]}]}""".formatted(subject, body));
        s.event("""
                {"id": "e1", "type": "coupon.claimed", "userId": "u1", "couponCode": "C"}""");
        return s;
    }

    @Test
    void aBodyRenderedPast256KiBFailsTheActionAndNothingIsStoredOrSent() {
        // 30 copies of a 10,000-byte field: 300,000 bytes, past 262,144
        School s = mailing("big-body@x.test", "x".repeat(10_000), "Hi", "{user.fields.big}".repeat(30));
        s.get("/runs").statusCode(200)
                .body("items[0].actions[0].status", equalTo("failed"))
                .body("items[0].actions[0].error", equalTo("the rendered body is larger than 256 KiB"))
                .body("items[0].actions[1].status", equalTo("done"));
        assertThat(s.tags("u1")).containsExactly("after");
        s.get("/emails").statusCode(200).body("items", empty());
        assertThat(GreenMailResource.receivedBy("big-body@x.test")).isEmpty();
    }

    @Test
    void multiByteTextIsCountedInUtf8Bytes() {
        // 90,000 characters of 3 bytes each: 270,000 bytes, though only 90,000 characters
        School s = mailing("utf8-body@x.test", "€".repeat(10_000), "Hi", "{user.fields.big}".repeat(9));
        s.get("/runs").body("items[0].actions[0].status", equalTo("failed"));
        s.get("/emails").body("items", empty());
    }

    @Test
    void aSubjectRenderedPast998CharactersFailsTheAction() {
        School s = mailing("long-subject@x.test", "y".repeat(500), "{user.fields.big}{user.fields.big}", "b");
        s.get("/runs")
                .body("items[0].actions[0].status", equalTo("failed"))
                .body("items[0].actions[0].error", equalTo("the rendered subject is longer than 998 characters"));
        s.get("/emails").body("items", empty());
        assertThat(GreenMailResource.receivedBy("long-subject@x.test")).isEmpty();
    }

    @Test
    void justUnderTheBoundsIsSentWhole() {
        // subject: 998 code points, two of them outside the BMP; body: exactly 256 KiB
        String subject = "😀".repeat(2) + "s".repeat(996 - 499) + "{user.fields.big}";
        School s = mailing("at-bound@x.test", "z".repeat(499), subject, "{user.fields.big}" + "b".repeat(256 * KIB - 499));
        s.get("/runs").body("items[0].actions[0].status", equalTo("pending"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> s.get("/emails")
                .body("items", hasSize(1)).body("items[0].status", equalTo("sent")));
        List<?> received = GreenMailResource.receivedBy("at-bound@x.test");
        assertThat(received).hasSize(1);
        s.get("/emails").body("items[0].subject.length()", equalTo(2 * 2 + 996))
                .body("items[0].body.length()", equalTo(256 * KIB));
    }
}
