package com.userautomations.push;

import com.userautomations.common.AutomationsConfig;
import com.userautomations.delivery.AnswerTimeout;
import com.userautomations.outbound.GuardedHttp;
import com.userautomations.outbound.OutboundAnswer;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/** Web push (RFC 8030/8291/8292) through the SSRF-guarded client: the one {@link PushSender} today. */
@ApplicationScoped
public class WebPushSender implements PushSender {
    private final GuardedHttp http;
    private final VapidKeyStore keys;
    private final Duration ttl;
    private final String subject;
    private final Duration answerWithin;

    public WebPushSender(GuardedHttp http, VapidKeyStore keys, VapidConfig config, PushConfig push,
                         AutomationsConfig automations,
                         @ConfigProperty(name = "quarkus.mailer.from", defaultValue = "no-reply@automations.local") String from) {
        this.http = http;
        this.answerWithin = AnswerTimeout.within(automations.outbox().sendTimeout());
        this.keys = keys;
        this.ttl = Duration.ofSeconds(Math.max(0, push.ttl()));
        // API.md: AUTOMATIONS_VAPID_SUBJECT if it is a mailto: or https: URL, else mailto:<fromEmail>
        this.subject = config.subject().filter(s -> s.startsWith("mailto:") || s.startsWith("https:"))
                .orElse("mailto:" + from);
    }

    @Override
    public PushChannel channel() {
        return PushChannel.WEB_PUSH;
    }

    @Override
    public PushOutcome send(PushSubscription to, PushMessage message) {
        Instant now = Instant.now();
        WebPushRequest request;
        try {
            request = WebPushRequest.of(to, message, ttl, keys.keys(), subject, now);
        } catch (PushPayloadTooLarge tooLarge) {
            return new PushOutcome(PushOutcome.Kind.FAILED, null, null, tooLarge.getMessage());
        }
        OutboundAnswer answer = http.postAndWait(URI.create(request.endpoint()), request.headers(), request.body(),
                answerWithin);
        if (!answer.answered()) {
            return new PushOutcome(PushOutcome.Kind.RETRY, null, null, answer.failure());
        }
        PushOutcome outcome = WebPushAnswers.outcome(answer.status(), null, now);
        // the guarded client has read Retry-After already (seconds or a date, as a delay)
        return outcome.kind() == PushOutcome.Kind.RETRY && answer.retryAfter() != null
                ? new PushOutcome(outcome.kind(), outcome.statusCode(), answer.retryAfter(), outcome.error()) : outcome;
    }
}
