package com.userautomations.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.JsonBodies;
import com.userautomations.directory.UserState;
import com.userautomations.directory.UserStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * The user an event is for, its row locked for the rest of the event's transaction: that lock is
 * what keeps one user's events in order. Sign-ups and form leads may create the user first.
 */
@ApplicationScoped
public class EventUsers {
    private final UserStore users;

    public EventUsers(UserStore users) {
        this.users = users;
    }

    /**
     * The user as the chunk holds it (its row locked when the chunk started); sign-ups and forms,
     * which may create or change the user's profile, take the usual way, and the chunk forgets
     * what it held of that user.
     */
    UserState userFor(String schoolId, EventInput e, ChunkState chunk) {
        if (EventTypes.SIGNED_UP.equals(e.type()) || EventTypes.FORM.equals(e.type())) {
            chunk.forget(e.userId());
            return userFor(schoolId, e);
        }
        UserState held = chunk.user(e.userId());
        return held != null ? held : userFor(schoolId, e);
    }

    /** Finds (or, for sign-ups and form leads, creates) the event's user and locks its row. */
    UserState userFor(String schoolId, EventInput e) {
        if (EventTypes.SIGNED_UP.equals(e.type())) {
            UserStore.Profile p = e.user();
            UserStore.Profile signup = new UserStore.Profile(p.email(), p.firstName(), p.lastName(), "learner",
                    e.occurredAt(), p.source(), p.timezone(), p.fields());
            if (!users.insert(schoolId, e.userId(), signup)) {
                UserState existing = users.lock(schoolId, e.userId()).orElseThrow();
                users.update(schoolId, e.userId(), merge(existing, p));
            }
            return users.lock(schoolId, e.userId()).orElseThrow();
        }
        if (EventTypes.FORM.equals(e.type())) {
            String userId = e.userId();
            if (userId == null) {
                String email = e.fields().get("email").textValue();
                userId = users.findIdByEmail(schoolId, email).orElse(leadId(email));
                String first = text(e.fields(), "firstName");
                String last = text(e.fields(), "lastName");
                users.insert(schoolId, userId, new UserStore.Profile(email, first, last, "lead", e.occurredAt(), null,
                        null, JsonBodies.MAPPER.createObjectNode()));
            }
            Optional<UserState> user = users.lock(schoolId, userId);
            if (user.isPresent()) {
                return user.get();
            }
            throw ApiException.invalid("userId", "no user " + userId + " in this school");
        }
        return users.lock(schoolId, e.userId())
                .orElseThrow(() -> ApiException.invalid("userId", "no user " + e.userId() + " in this school"));
    }

    /** A sign-up for a known user updates what the event says and keeps the rest. */
    private static UserStore.Profile merge(UserState u, UserStore.Profile p) {
        return new UserStore.Profile(p.email() != null ? p.email() : u.email(),
                p.firstName() != null ? p.firstName() : u.firstName(),
                p.lastName() != null ? p.lastName() : u.lastName(),
                u.role(), u.registeredAt(), p.source() != null ? p.source() : u.source(),
                p.timezone() != null ? p.timezone() : u.timezone(),
                p.fields() != null && !p.fields().isEmpty() ? p.fields() : u.fields());
    }

    /** A lead's id follows from its email, so two submissions for one new address meet on one row. */
    private static String leadId(String email) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(email.toLowerCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            return "lead-" + HexFormat.of().formatHex(d).substring(0, 24);
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String text(ObjectNode fields, String name) {
        JsonNode v = fields.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }
}
