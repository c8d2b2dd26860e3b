package com.userautomations.webhooks;

import com.userautomations.common.AutomationsConfig;
import com.userautomations.delivery.AnswerTimeout;
import com.userautomations.delivery.Attempt;
import com.userautomations.delivery.Claimed;
import com.userautomations.delivery.ScheduledChannel;
import com.userautomations.outbound.GuardedHttp;
import com.userautomations.outbound.OutboundAnswer;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Webhook deliveries as an outbox channel: the outbox claims, leases, retries and bounds them
 * (at most {@code AUTOMATIONS_WEBHOOKS_CONCURRENCY} in flight per endpoint, the target); this
 * class signs each attempt afresh and posts the stored bytes through the guarded client.
 */
@ApplicationScoped
public class WebhookChannel implements ScheduledChannel<WebhookChannel.Call> {
    /** What a claimed delivery sends. */
    public record Call(String endpointId, String type, String body, String userId, String runId) {
    }

    private final WebhookEndpoints endpoints;
    private final WebhookFailures failures;
    private final GuardedHttp http;
    private final Setup setup;
    private final Duration answerWithin;

    public WebhookChannel(WebhookEndpoints endpoints, WebhookFailures failures, GuardedHttp http,
                          WebhooksConfig config, AutomationsConfig automations) {
        this.answerWithin = AnswerTimeout.within(automations.outbox().sendTimeout());
        this.endpoints = endpoints;
        this.failures = failures;
        this.http = http;
        this.setup = Setup.of("webhook", "webhook_deliveries", "delivered", config.concurrency(),
                config.retrySchedule());
    }

    @Override
    public Setup setup() {
        return setup;
    }

    @Override
    public String contentColumns() {
        return "webhook_id, type, body, user_id, run_id";
    }

    @Override
    public Call read(ResultSet rs) throws SQLException {
        return new Call(rs.getString("webhook_id"), rs.getString("type"), rs.getString("body"), rs.getString("user_id"),
                rs.getString("run_id"));
    }

    @Override
    public String possibleDuplicateNote() {
        return "a worker stopped while delivering this webhook; delivered again (possible duplicate, same webhook-id)";
    }

    @Override
    public Set<String> retryableStatuses() {
        return Set.of("delivered", "failed");
    }

    @Override
    public Attempt send(Claimed<Call> claimed) {
        Call call = claimed.message();
        Optional<WebhookEndpoint> found = endpoints.find(claimed.schoolId(), call.endpointId());
        if (found.isEmpty()) {
            return Attempt.failed("the webhook endpoint was deleted");
        }
        WebhookEndpoint endpoint = found.get();
        boolean ping = WebhookOutbox.PING.equals(call.type());
        if (!endpoint.enabled() && !ping) {
            return Attempt.failed("the webhook endpoint is disabled");
        }
        Instant now = Instant.now();
        long timestamp = now.getEpochSecond();
        byte[] body = call.body().getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put(WebhookSignature.ID_HEADER, claimed.id());
        headers.put(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(WebhookSignature.SIGNATURE_HEADER,
                WebhookSignature.sign(endpoints.secretsFor(endpoint.id(), now), claimed.id(), timestamp, body));
        OutboundAnswer answer = http.postAndWait(URI.create(endpoint.url()), headers, body, answerWithin);
        return outcome(answer, Instant.now());
    }

    /** 2xx delivered; 410 failed for good (and the endpoint disabled); anything else retried. */
    static Attempt outcome(OutboundAnswer answer, Instant now) {
        if (!answer.answered()) {
            return Attempt.retryLater(answer.failure());
        }
        if (answer.succeeded()) {
            return Attempt.delivered(answer.status());
        }
        if (answer.status() == 410) {
            return Attempt.failed("the endpoint answered 410 Gone: it no longer takes deliveries", 410);
        }
        Instant notBefore = answer.retryAfter() == null ? null : now.plus(answer.retryAfter());
        return Attempt.retryLater("the endpoint answered HTTP " + answer.status(), notBefore, answer.status());
    }

    @Override
    public void settle(Claimed<Call> claimed, Attempt attempt, Instant now) {
        failures.settled(claimed.schoolId(), claimed.message().endpointId(), claimed.id(), claimed.message().type(),
                attempt, now);
    }
}
