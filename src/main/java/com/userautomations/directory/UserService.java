package com.userautomations.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.BodyReader;
import com.userautomations.common.Cursors;
import com.userautomations.common.Page;
import com.userautomations.common.TextRules;
import com.userautomations.common.Timestamps;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The platform's user sync. A sync never fires automations; only events do. */
@ApplicationScoped
public class UserService {
    private final UserStore users;
    private final Cursors cursors;

    public UserService(UserStore users, Cursors cursors) {
        this.users = users;
        this.cursors = cursors;
    }

    public record Saved(boolean created, UserView user) {
    }

    @Transactional
    public Saved put(String schoolId, String userId, byte[] json) {
        JsonNode body = JsonBodies.parseObject(json); // first: a body that is not JSON is a 400 before any lookup
        BodyReader in = new BodyReader(body);
        if (!TextRules.isId(userId)) {
            throw ApiException.invalid("id", TextRules.ID_RULE);
        }
        in.readOnly("id", TextNode.valueOf(userId));
        // a user read with GET may be PUT back: its enrollments and spaces only as stored
        Optional<UserState> current = body.has("enrollments") || body.has("spaces") || body.has("lastVisitedAt")
                ? users.read(schoolId, userId) : Optional.empty();
        // set by user.visited events only; a GET's answer sent back carries it
        in.readOnly("lastVisitedAt", sent -> sameInstant(sent, current.map(UserState::lastVisitedAt).orElse(null)));
        in.readOnly("enrollments", sent -> sameEnrollments(sent,
                current.map(UserState::enrollmentList).orElse(List.of())));
        in.readOnly("spaces", sent -> sameSpaces(sent, current.map(UserState::spaces).orElse(new java.util.TreeSet<>())));
        UserStore.Profile profile = readProfile(in, true);
        Set<String> tags = in.tags("tags", false, UserStore.MAX_TAGS);
        in.throwIfInvalid();
        boolean created = users.insert(schoolId, userId, profile.registeredAtOr(Instant.now()));
        UserState state = users.lock(schoolId, userId).orElseThrow();
        if (!created) {
            UserStore.Profile update = profile.registeredAtOr(state.registeredAt());
            if (body.get("fields") == null || body.get("fields").isNull()) {
                // API.md: a PUT that leaves fields out keeps the stored ones, as it does tags
                update = update.withFields(state.fields());
            }
            users.update(schoolId, userId, update);
        }
        if (tags != null) {
            users.replaceTags(schoolId, state, tags);
        }
        return new Saved(created, UserView.of(users.read(schoolId, userId).orElseThrow()));
    }

    private static boolean sameEnrollments(JsonNode sent, List<UserState.Enrollment> stored) {
        if (!sent.isArray() || sent.size() != stored.size()) {
            return false;
        }
        Map<String, UserState.Enrollment> byCourse = new HashMap<>();
        stored.forEach(e -> byCourse.put(e.courseId(), e));
        for (JsonNode e : sent) {
            UserState.Enrollment s = byCourse.remove(e.path("courseId").asText(null));
            if (s == null || !e.isObject() || e.size() > 5 || !s.status().equals(e.path("status").asText(null))
                    || !sameInstant(e.get("enrolledAt"), s.enrolledAt())
                    || !sameInstant(e.get("completedAt"), s.completedAt())
                    || e.has("lastVisitedAt") && !sameInstant(e.get("lastVisitedAt"), s.lastVisitedAt())) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameInstant(JsonNode sent, Instant stored) {
        if (sent == null || sent.isNull()) {
            return stored == null;
        }
        return sent.isTextual() && stored != null && stored.equals(Timestamps.parse(sent.asText()));
    }

    private static boolean sameSpaces(JsonNode sent, Set<String> stored) {
        if (!sent.isArray() || sent.size() != stored.size()) {
            return false;
        }
        Set<String> seen = new HashSet<>();
        for (JsonNode s : sent) {
            if (!s.isTextual() || !stored.contains(s.asText()) || !seen.add(s.asText())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads the profile fields of a user body: the user sync ({@code sync}: role and registeredAt
     * too) and an event's {@code user} share it.
     */
    public static UserStore.Profile readProfile(BodyReader in, boolean sync) {
        String email = in.email("email", false);
        String first = in.line("firstName", false, 500);
        String last = in.line("lastName", false, 500);
        String role = sync ? in.oneOf("role", false, Roles.ALL) : null;
        Instant registeredAt = sync ? in.timestamp("registeredAt", false) : null;
        String source = in.line("source", false, 500);
        String timezone = TimeZones.read(in);
        ObjectNode fields = in.fields("fields");
        return new UserStore.Profile(email, first, last, role == null ? "learner" : role,
                registeredAt,
                source, timezone, fields == null ? JsonNodeFactory.instance.objectNode() : fields);
    }

    @Transactional
    public Optional<UserView> get(String schoolId, String userId) {
        return users.read(schoolId, userId).map(UserView::of);
    }

    @Transactional
    public Page<UserView> list(String schoolId, String tag, String limit, String cursor) {
        if (tag != null && TextRules.tag(tag) != null) {
            throw ApiException.invalid("tag", "must be 1-100 characters without control characters");
        }
        String scope = Cursors.scope("users", schoolId, tag);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        List<UserView> rows = users.list(schoolId, tag, page.first() ? "" : page.after().get(0), page.fetch()).stream()
                .map(UserView::of).toList();
        return cursors.page(rows, page, scope, u -> List.of(u.id()));
    }
}
