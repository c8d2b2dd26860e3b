package com.userautomations.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.BodyReader;
import com.userautomations.common.Cursors;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.Page;
import com.userautomations.common.Timestamps;
import com.userautomations.outbound.OutboundUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The endpoints' REST side: strict bodies, the URL rules, the limit per school, rotations. */
@ApplicationScoped
public class WebhookService {
    public static final int MAX_PER_SCHOOL = 20;
    /** How long the secret before a rotation still signs. */
    public static final Duration PREVIOUS_SECRET_LASTS = Duration.ofHours(24);
    static final int MAX_URL = 2048;
    static final int MAX_DESCRIPTION = 500;
    static final String DISABLED_BY_SCHOOL = "The school disabled this endpoint.";
    private static final Set<String> STATUSES = new LinkedHashSet<>(List.of("enabled", "disabled"));
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final WebhookEndpoints endpoints;
    private final OutboundUrls urls;
    private final Cursors cursors;

    public WebhookService(WebhookEndpoints endpoints, OutboundUrls urls, Cursors cursors) {
        this.endpoints = endpoints;
        this.urls = urls;
        this.cursors = cursors;
    }

    @Transactional
    public NewWebhookView create(String schoolId, byte[] json) {
        BodyReader in = new BodyReader(JsonBodies.parseObject(json));
        String url = url(in, true);
        WebhookEvents events = WebhookEvents.read(in, "events", true);
        String description = in.line("description", false, MAX_DESCRIPTION);
        in.throwIfInvalid();
        if (endpoints.lockSchoolAndCount(schoolId) >= MAX_PER_SCHOOL) {
            throw ApiException.invalid("", "the school has " + MAX_PER_SCHOOL
                    + " webhook endpoints, the most it may hold; delete one first");
        }
        Instant now = Timestamps.now();
        WebhookEndpoint e = new WebhookEndpoint(newId(), schoolId, url, events, description, WebhookStatus.ENABLED,
                null, null, now, now);
        WebhookSecret secret = WebhookSecret.generate();
        endpoints.insert(e, secret);
        return NewWebhookView.of(e, secret);
    }

    @Transactional
    public Page<WebhookView> list(String schoolId, String limit, String cursor) {
        String scope = Cursors.scope("webhooks", schoolId);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        List<WebhookView> rows = endpoints.list(schoolId, page.first() ? "" : page.after().get(0), page.fetch()).stream()
                .map(WebhookView::of).toList();
        return cursors.page(rows, page, scope, w -> List.of(w.id()));
    }

    public WebhookView get(String schoolId, String id) {
        return endpoints.find(schoolId, id).map(WebhookView::of).orElseThrow(WebhookService::unknown);
    }

    /**
     * Changes the keys given. Enabling clears why and when it was disabled; disabling through
     * the API says the school did it.
     */
    @Transactional
    public WebhookView patch(String schoolId, String id, byte[] json) {
        JsonNode body = JsonBodies.parseObject(json); // first: a body that is not JSON is a 400 before any lookup
        BodyReader in = new BodyReader(body);
        String url = url(in, false);
        WebhookEvents events = WebhookEvents.read(in, "events", false);
        String description = in.line("description", false, MAX_DESCRIPTION);
        WebhookStatus status = WebhookStatus.fromWire(in.oneOf("status", false, STATUSES)).orElse(null);
        in.throwIfInvalid();
        WebhookEndpoint current = endpoints.lock(schoolId, id).orElseThrow(WebhookService::unknown);
        Instant now = Timestamps.now();
        WebhookStatus nextStatus = status == null ? current.status() : status;
        String reason = current.disabledReason();
        Instant disabledAt = current.disabledAt();
        if (nextStatus == WebhookStatus.ENABLED) {
            reason = null;
            disabledAt = null;
        } else if (current.status() == WebhookStatus.ENABLED) {
            reason = DISABLED_BY_SCHOOL;
            disabledAt = now;
        }
        WebhookEndpoint next = new WebhookEndpoint(id, schoolId, url == null ? current.url() : url,
                events == null ? current.events() : events, description == null ? current.description() : description,
                nextStatus, reason, disabledAt, current.createdAt(), now);
        endpoints.update(next);
        return WebhookView.of(next);
    }

    @Transactional
    public void delete(String schoolId, String id) {
        if (!endpoints.delete(schoolId, id)) {
            throw unknown();
        }
    }

    /** A new current secret; the one it replaces signs on for 24 h, and one older than that stops now. */
    @Transactional
    public RotatedSecretView rotateSecret(String schoolId, String id) {
        endpoints.lock(schoolId, id).orElseThrow(WebhookService::unknown);
        Instant now = Timestamps.now();
        WebhookSecret next = WebhookSecret.generate();
        endpoints.rotate(schoolId, id, next, now.plus(PREVIOUS_SECRET_LASTS), now);
        return new RotatedSecretView(next.value());
    }

    private String url(BodyReader in, boolean required) {
        String url = in.line("url", required, MAX_URL);
        if (url == null) {
            return null;
        }
        String refusal = urls.refusal(url);
        if (refusal != null) {
            in.error("url", refusal);
            return null;
        }
        return url;
    }

    static ApiException unknown() {
        return ApiException.notFound("No such webhook endpoint");
    }

    /** Like the automations' ids: a prefix and random base-36 characters, never a dot or colon. */
    private static String newId() {
        char[] id = new char[16];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return "whk_" + new String(id);
    }
}
