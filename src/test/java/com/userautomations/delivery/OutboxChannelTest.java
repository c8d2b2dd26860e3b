package com.userautomations.delivery;

import com.userautomations.common.Sql;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one outbox through a channel of the tests ({@link TestChannel}: one in flight per target)
 * on PostgreSQL, with the real worker, slots and turns: per-target bounds, fairness, Retry-After,
 * failures for good, the lease, and the metrics.
 */
@QuarkusTest
class OutboxChannelTest {
    @Inject
    TestChannel channel;
    @Inject
    OutboxWorker worker;
    @Inject
    OutboxRetries retries;
    @Inject
    Sql sql;

    private static String school(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String status(String id) {
        return sql.one("SELECT status FROM test_messages WHERE id = ?", rs -> rs.getString(1), id).orElseThrow();
    }

    private int attempts(String id) {
        return sql.one("SELECT attempts FROM test_messages WHERE id = ?", rs -> rs.getInt(1), id).orElseThrow();
    }

    @Test
    void aSlowTargetHoldsItsLimitWhileTheSchoolsOtherTargetKeepsFlowing() {
        String s = school("targets");
        String slow = "slow-" + s;
        TestChannel.close(slow);
        try {
            List<String> held = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                held.add(channel.queue(s, slow, "hold"));
            }
            List<String> quick = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                quick.add(channel.queue(s, "fast-" + s, "ok"));
            }
            await().atMost(Duration.ofSeconds(6)).until(() -> quick.stream().allMatch(id -> status(id).equals("delivered")));
            // the slow target is still at its limit: one on its way, the rest queued behind it
            assertThat(worker.inFlight("test", slow)).isEqualTo(1);
            assertThat(held.stream().filter(id -> status(id).equals("queued")).count()).isEqualTo(3);
            assertThat(TestChannel.mostAtOnce(slow)).isEqualTo(1);
        } finally {
            TestChannel.open(slow);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> TestChannel.sendsOfSchool(s).size() == 7);
        assertThat(TestChannel.mostAtOnce(slow)).isEqualTo(1);
    }

    @Test
    void aSchoolWithAHugeBacklogDoesNotHoldBackAnother() {
        String big = school("backlog");
        for (int i = 0; i < 300; i++) {
            channel.queue(big, "t" + (i % 10) + "-" + big, "slow");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !TestChannel.sendsOfSchool(big).isEmpty());
        String small = school("small");
        String id = channel.queue(small, "t-" + small, "ok");
        await().atMost(Duration.ofSeconds(3)).until(() -> status(id).equals("delivered"));
        int queued = sql.one("SELECT COUNT(*) FROM test_messages WHERE school_id = ? AND status = 'queued'",
                rs -> rs.getInt(1), big).orElseThrow();
        assertThat(queued).as("most of the backlog still waits").isGreaterThan(150);
        await().atMost(Duration.ofSeconds(30)).until(() -> TestChannel.sendsOfSchool(big).size() == 300);
    }

    @Test
    void aRetryComesNoSoonerThanTheRetryAfter() {
        String s = school("later");
        String id = channel.queue(s, "t-" + s, "retry-after-once:2000");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("delivered"));
        List<TestChannel.Send> sends = TestChannel.sendsOf(id);
        assertThat(sends).hasSize(2);
        // the schedule alone would have retried after 300-360 ms
        assertThat(sends.get(1).at()).isAfterOrEqualTo(sends.get(0).notBefore());
        assertThat(attempts(id)).isEqualTo(2);
        assertThat(sql.one("SELECT last_error IS NULL FROM test_messages WHERE id = ?", rs -> rs.getBoolean(1), id))
                .as("a delivered message keeps no error").contains(true);
    }

    @Test
    void aFailureForGoodStopsAndARetryByHandCountsOn() throws InterruptedException {
        String s = school("gone");
        String id = channel.queue(s, "t-" + s, "fail");
        await().atMost(Duration.ofSeconds(5)).until(() -> status(id).equals("failed"));
        Thread.sleep(1500); // two polls: nothing sends it again
        assertThat(TestChannel.sendsOf(id)).hasSize(1);
        assertThat(attempts(id)).isEqualTo(1);
        assertThat(sql.one("SELECT last_error FROM test_messages WHERE id = ?", rs -> rs.getString(1), id))
                .contains("the test endpoint refused the message");
        assertThat(sql.one("SELECT last_status_code FROM test_messages WHERE id = ?", rs -> rs.getInt(1), id)).contains(410);

        retries.retry(channel, "test message", s, id);
        await().atMost(Duration.ofSeconds(5)).until(() -> TestChannel.sendsOf(id).size() == 2 && status(id).equals("failed"));
        assertThat(attempts(id)).isEqualTo(2);
    }

    @Test
    void retriesFollowTheScheduleThenTheMessageFails() {
        String s = school("busy");
        String id = channel.queue(s, "t-" + s, "retry");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(id).equals("failed"));
        // two steps in the test channel's schedule: three attempts
        assertThat(TestChannel.sendsOf(id)).hasSize(3);
        assertThat(TestChannel.SETTLED.get(id)).isInstanceOf(Attempt.Failed.class);
        assertThat(attempts(id)).isEqualTo(3);
    }

    @Test
    void aMessageLeftSendingPastItsLeaseIsSentOnceMoreAndNoted() {
        String s = school("lease");
        Instant now = Instant.now();
        List<String> ids = List.of(channel.queue(s, "t-" + s, "ok", now.plus(Duration.ofDays(1)), now),
                channel.queue(s, "u-" + s, "ok", now.plus(Duration.ofDays(1)), now));
        // what a worker killed mid-send leaves: 'sending', one attempt counted, long ago
        for (String id : ids) {
            sql.update("UPDATE test_messages SET status = 'sending', attempts = 1, sending_at = ? WHERE id = ?",
                    now.minus(Duration.ofHours(1)), id);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream().allMatch(id -> status(id).equals("delivered")));
        for (String id : ids) {
            assertThat(TestChannel.sendsOf(id)).hasSize(1);
            assertThat(attempts(id)).isEqualTo(2);
            assertThat(sql.one("SELECT last_error FROM test_messages WHERE id = ?", rs -> rs.getString(1), id))
                    .contains(TestChannel.NOTE);
        }
    }

    @Test
    void theMetricsCountPerChannel() {
        String s = school("metrics");
        double before = metric("outbox_delivered_total", "test");
        channel.queue(s, "t-" + s, "ok");
        channel.queue(s, "t-" + s, "ok");
        // queued, not due: counted in outbox_queued, not in the oldest's age
        Instant now = Instant.now();
        channel.queue(s, "later-" + s, "ok", now.plus(Duration.ofDays(1)), now);
        String held = "held-" + s;
        TestChannel.close(held);
        try {
            channel.queue(s, held, "hold");
            await().atMost(Duration.ofSeconds(5)).until(() -> worker.inFlight("test", held) == 1);
            // due but behind the full target, and created long ago: the oldest queued message
            channel.queue(s, held, "ok", now, now.minus(Duration.ofSeconds(500)));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(metric("outbox_delivered_total", "test")).isGreaterThanOrEqualTo(before + 2);
                assertThat(metric("outbox_in_flight", "test")).isGreaterThanOrEqualTo(1);
                assertThat(metric("outbox_queued", "test")).isGreaterThanOrEqualTo(2);
                assertThat(metric("outbox_oldest_queued_seconds", "test")).isGreaterThanOrEqualTo(500);
            });
            assertThat(metric("outbox_queued", "email")).isGreaterThanOrEqualTo(0);
            assertThat(metric("outbox_failed_total", "email")).isGreaterThanOrEqualTo(0);
        } finally {
            TestChannel.open(held);
        }
    }

    private static double metric(String name, String channel) {
        String body = RestAssured.given().header("Authorization", "Bearer test-operator-token").get("/q/metrics")
                .then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^" + name + "\\{channel=\"" + channel + "\",?\\} (\\S+)$").matcher(body);
        assertThat(m.find()).as(name + " for " + channel + " in /q/metrics").isTrue();
        return Double.parseDouble(m.group(1));
    }
}
