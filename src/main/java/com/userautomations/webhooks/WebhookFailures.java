package com.userautomations.webhooks;

import com.userautomations.common.Sql;
import com.userautomations.delivery.Attempt;
import com.userautomations.delivery.EmailOutbox;
import com.userautomations.delivery.QueuedEmail;
import com.userautomations.directory.SchoolInfo;
import com.userautomations.directory.SchoolService;
import org.jboss.logging.Logger;
import jakarta.enterprise.context.ApplicationScoped;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * What a settled attempt changes beyond its own row, in the settle transaction: the delivery's
 * status code and time, and the endpoint's health. A 410, or only failed attempts for 5 days,
 * disables the endpoint: its queued deliveries fail, and the school's admins get one email.
 */
@ApplicationScoped
public class WebhookFailures {
    private static final Logger LOG = Logger.getLogger(WebhookFailures.class);
    /** API.md: an endpoint that failed every attempt for this long is disabled. */
    static final Duration FAILING_FOR = Duration.ofDays(5);
    static final String GONE = "the endpoint answered 410 Gone";
    static final String FAILING = "every delivery attempt failed for 5 days";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final WebhookEndpoints endpoints;
    private final SchoolService schools;
    private final EmailOutbox emails;

    public WebhookFailures(Sql sql, WebhookEndpoints endpoints, SchoolService schools, EmailOutbox emails) {
        this.sql = sql;
        this.endpoints = endpoints;
        this.schools = schools;
        this.emails = emails;
    }

    void settled(String schoolId, String endpointId, String deliveryId, String type, Attempt attempt, Instant now) {
        if (attempt instanceof Attempt.Delivered d) {
            sql.update("UPDATE webhook_deliveries SET last_status_code = ?, delivered_at = ? WHERE id = ?",
                    d.statusCode(), now, deliveryId);
            sql.update("UPDATE webhook_endpoints SET failing_since = NULL WHERE id = ? AND failing_since IS NOT NULL",
                    endpointId);
            return;
        }
        Integer code = attempt instanceof Attempt.Failed f ? f.statusCode() : ((Attempt.RetryLater) attempt).statusCode();
        sql.update("UPDATE webhook_deliveries SET last_status_code = ? WHERE id = ?", code, deliveryId);
        if (WebhookOutbox.PING.equals(type)) {
            return; // a ping to a disabled endpoint is how its owner tests a fix: it never disables anything
        }
        if (code != null && code == 410) {
            disable(schoolId, endpointId, GONE, now);
            return;
        }
        sql.update("UPDATE webhook_endpoints SET failing_since = ? WHERE id = ? AND failing_since IS NULL", now, endpointId);
        boolean failingLong = sql.one("SELECT failing_since FROM webhook_endpoints WHERE id = ?",
                rs -> Sql.instant(rs, "failing_since"), endpointId)
                .map(since -> since != null && !since.isAfter(now.minus(FAILING_FOR))).orElse(false);
        if (failingLong) {
            disable(schoolId, endpointId, FAILING, now);
        }
    }

    /** Disables the endpoint once (a racing second caller does nothing), fails its queue, tells the admins. */
    void disable(String schoolId, String endpointId, String reason, Instant now) {
        if (!endpoints.disable(endpointId, reason, now)) {
            return;
        }
        int failed = sql.update("UPDATE webhook_deliveries SET status = 'failed', last_error = ? WHERE webhook_id = ? "
                + "AND status = 'queued' AND type <> ?", "the endpoint was disabled: " + reason, endpointId, WebhookOutbox.PING);
        LOG.infof("webhook endpoint %s of school %s disabled (%s); %d queued deliveries failed", endpointId, schoolId,
                reason, failed);
        SchoolInfo school = schools.info(schoolId).orElse(null);
        if (school == null || school.adminEmails().isEmpty()) {
            return;
        }
        String noticeId = "notice_" + HexFormat.of().formatHex(bytes(12));
        String subject = "Webhook endpoint " + endpointId + " was disabled";
        String body = "The webhook endpoint " + endpointId + " of " + school.name() + " was disabled on " + now
                + " because " + reason + ".\n\nIts queued deliveries were marked failed, and changes are no longer "
                + "sent to it. Fix the receiver, send a ping (POST .../webhooks/" + endpointId + ":ping), then enable "
                + "it again with PATCH .../webhooks/" + endpointId + " {\"status\": \"enabled\"}.\n";
        List<QueuedEmail> notice = new ArrayList<>();
        List<String> admins = List.copyOf(new java.util.LinkedHashSet<>(school.adminEmails()));
        for (int i = 0; i < admins.size(); i++) {
            // a notice belongs to no run: its own id stands in the run's place, "system" in the automation's
            notice.add(new QueuedEmail(schoolId, noticeId, 0, i, null, "system", endpointId, admins.get(i),
                    school.fromEmail(), subject, body));
        }
        emails.queue(notice);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }
}
