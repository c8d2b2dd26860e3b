package com.userautomations.directory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.ApiException;
import com.userautomations.common.BodyReader;
import com.userautomations.common.Cursors;
import com.userautomations.common.Page;
import com.userautomations.common.TextRules;
import com.fasterxml.jackson.databind.node.TextNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
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
    public Saved put(String schoolId, String userId, JsonNode body) {
        BodyReader in = new BodyReader(body);
        if (!TextRules.isId(userId)) {
            throw ApiException.invalid("id", TextRules.ID_RULE);
        }
        in.readOnly("id", TextNode.valueOf(userId));
        UserStore.Profile profile = readProfile(in, true);
        Set<String> tags = in.tags("tags", false, UserStore.MAX_TAGS);
        in.throwIfInvalid();
        boolean created = users.insert(schoolId, userId, profile.registeredAtOr(Instant.now()));
        UserState state = users.lock(schoolId, userId).orElseThrow();
        if (!created) {
            users.update(schoolId, userId, profile.registeredAtOr(state.registeredAt()));
        }
        if (tags != null) {
            users.replaceTags(schoolId, state, tags);
        }
        return new Saved(created, UserView.of(users.read(schoolId, userId).orElseThrow()));
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
        String timezone = in.line("timezone", false, 100);
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                in.error("timezone", "must be an IANA time zone such as Europe/Athens");
            }
        }
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
