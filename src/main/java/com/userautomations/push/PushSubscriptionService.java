package com.userautomations.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.BodyReader;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.TextRules;
import com.userautomations.directory.UserStore;
import com.userautomations.outbound.OutboundUrls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * A user's push subscriptions through the API. A save locks the user's row (as events do), so
 * the cap of {@link #MAX_PER_USER} holds under concurrent saves.
 */
@ApplicationScoped
public class PushSubscriptionService {
    public static final int MAX_PER_USER = 10;
    /** 9999-12-31T23:59:59.999Z: later is no expiration time a browser gives. */
    private static final long MAX_EXPIRATION_MS = 253402300799999L;
    private static final int MAX_ENDPOINT = 2048;

    private final PushSubscriptionStore store;
    private final UserStore users;
    private final OutboundUrls urls;

    public PushSubscriptionService(PushSubscriptionStore store, UserStore users, OutboundUrls urls) {
        this.store = store;
        this.users = users;
        this.urls = urls;
    }

    public record Saved(boolean created, PushSubscriptionView subscription) {
    }

    @Transactional
    public Saved put(String schoolId, String userId, String id, byte[] json) {
        JsonNode body = JsonBodies.parseObject(json); // first: a body that is not JSON is a 400 before any lookup
        if (!TextRules.isId(id)) {
            throw ApiException.invalid("id", TextRules.ID_RULE);
        }
        if (users.lock(schoolId, userId).isEmpty()) {
            throw unknownUser();
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<PushSubscription> live = store.live(schoolId, userId, now);
        Optional<PushSubscription> current = live.stream().filter(s -> s.id().equals(id)).findFirst();

        BodyReader in = new BodyReader(body);
        in.readOnly("id", TextNode.valueOf(id));
        in.readOnly("createdAt", current.map(c -> TextNode.valueOf(c.createdAt().toString())).orElse(null));
        String endpoint = endpoint(in);
        Instant expiration = expiration(in);
        PushSubscriptionKeys keys = keys(in);
        in.throwIfInvalid();

        long others = live.stream().filter(s -> !s.id().equals(id) && !s.endpoint().equals(endpoint)).count();
        if (current.isEmpty() && others >= MAX_PER_USER) {
            throw ApiException.invalid("", "a user has at most " + MAX_PER_USER + " push subscriptions; delete one first");
        }
        PushSubscription saved = new PushSubscription(schoolId, userId, id, endpoint, keys, expiration,
                current.map(PushSubscription::createdAt).orElse(now), now);
        current.ifPresent(c -> store.remove(schoolId, userId, id));
        // the endpoint moves here from any other id or user; a concurrent save of it that commits
        // first makes the insert do nothing, and the next round removes that one in turn
        for (int round = 0; round < 3; round++) {
            store.removeEndpointElsewhere(schoolId, endpoint, userId, id);
            if (store.insertIfAbsent(saved)) {
                return new Saved(current.isEmpty(), PushSubscriptionView.of(saved));
            }
        }
        throw new IllegalStateException("the push subscription could not be saved after three rounds");
    }

    @Transactional
    public PushSubscriptionList list(String schoolId, String userId) {
        if (users.read(schoolId, userId).isEmpty()) {
            throw unknownUser();
        }
        return new PushSubscriptionList(store.live(schoolId, userId, Instant.now()).stream()
                .map(PushSubscriptionView::of).toList());
    }

    @Transactional
    public void delete(String schoolId, String userId, String id) {
        if (users.read(schoolId, userId).isEmpty()) {
            throw unknownUser();
        }
        if (!store.remove(schoolId, userId, id)) {
            throw ApiException.notFound("No such push subscription");
        }
    }

    private String endpoint(BodyReader in) {
        String endpoint = in.string("endpoint", true, MAX_ENDPOINT);
        if (endpoint == null) {
            return null;
        }
        // push services' URLs are ASCII; a multi-byte one could outgrow the endpoint's unique index
        if (!endpoint.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            in.error("endpoint", "must be ASCII without spaces (percent-encode other characters)");
            return null;
        }
        String refusal = urls.refusal(endpoint);
        if (refusal != null) {
            in.error("endpoint", refusal);
            return null;
        }
        return endpoint;
    }

    private static Instant expiration(BodyReader in) {
        JsonNode value = in.value("expirationTime");
        if (value == null) {
            return null;
        }
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 0
                || value.longValue() > MAX_EXPIRATION_MS) {
            in.error("expirationTime", "must be null or a whole number of milliseconds since 1970-01-01T00:00:00Z");
            return null;
        }
        return Instant.ofEpochMilli(value.longValue());
    }

    private static PushSubscriptionKeys keys(BodyReader in) {
        if (!in.has("keys")) {
            in.error("keys", "is required");
            return null;
        }
        BodyReader keys = in.child("keys");
        if (!keys.present()) {
            return null;
        }
        String p256dh = keys.checked("p256dh", true, PushSubscriptionKeys::p256dhRefusal);
        String auth = keys.checked("auth", true, PushSubscriptionKeys::authRefusal);
        return p256dh == null || auth == null ? null : PushSubscriptionKeys.of(p256dh, auth);
    }

    private static ApiException unknownUser() {
        return ApiException.notFound("No such user");
    }
}
