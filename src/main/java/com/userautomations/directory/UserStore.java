package com.userautomations.directory;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Users, tags, enrollments and spaces in the database. Mutations are called with the user's
 * row locked ({@link #lock}), so the state they are given is current and per-user order holds.
 */
@ApplicationScoped
public class UserStore {
    /** Tags one user may hold (API.md 1.1): a sync or event passing it is refused, an action skipped. */
    public static final int MAX_TAGS = 1000;

    private static final String COLUMNS =
            "id, email, first_name, last_name, role, registered_at, source, timezone, fields";
    /** What a read takes besides the profile: the last visit, which only user.visited writes. */
    private static final String READ_COLUMNS = COLUMNS + ", last_visited_at";

    /** A user's row as read: the profile a sync writes, and the last visit. */
    private record Stored(Profile profile, Instant lastVisitedAt) {
    }

    private final Sql sql;

    public UserStore(Sql sql) {
        this.sql = sql;
    }

    public record Profile(String email, String firstName, String lastName, String role, Instant registeredAt,
                          String source, String timezone, ObjectNode fields) {
        /** registeredAt when the request named one, else the given default. */
        public Profile registeredAtOr(Instant fallback) {
            return registeredAt != null ? this
                    : new Profile(email, firstName, lastName, role, fallback, source, timezone, fields);
        }

        public Profile withFields(ObjectNode kept) {
            return new Profile(email, firstName, lastName, role, registeredAt, source, timezone, kept);
        }
    }

    /** Locks the user's row for the rest of the transaction and reads the whole state. */
    public Optional<UserState> lock(String schoolId, String userId) {
        return load(schoolId, userId, " FOR UPDATE");
    }

    /** The ids of the school's users after {@code afterId} (null: from the first), in id order: a keyset page. */
    public List<String> idsAfter(String schoolId, String afterId, int limit) {
        return afterId == null
                ? sql.query("SELECT id FROM users WHERE school_id = ? ORDER BY id LIMIT ?", rs -> rs.getString(1),
                        schoolId, limit)
                : sql.query("SELECT id FROM users WHERE school_id = ? AND id > ? ORDER BY id LIMIT ?",
                        rs -> rs.getString(1), schoolId, afterId, limit);
    }

    /** How many users (leads too) the school has. */
    public long count(String schoolId) {
        return sql.one("SELECT COUNT(*) FROM users WHERE school_id = ?", rs -> rs.getLong(1), schoolId).orElse(0L);
    }

    /**
     * Locks the user's row unless another transaction holds it (then empty, as for no user): a
     * worker that already holds rows an event may wait for must never wait for that event's user.
     */
    public Optional<UserState> tryLock(String schoolId, String userId) {
        return load(schoolId, userId, " FOR UPDATE SKIP LOCKED");
    }

    /**
     * Locks the rows of these users in id order (so that two transactions locking overlapping
     * sets wait for each other instead of deadlocking) and reads their whole state: two queries
     * however many users. Ids that name no user lock nothing and are absent from the answer.
     * The id list is padded to a multiple of {@value #LOCK_PAD} by repeating its last id, so
     * that a few statement texts serve every size (each text is one prepared statement).
     */
    public Map<String, UserState> lockAll(String schoolId, SortedSet<String> userIds) {
        if (userIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = padded(userIds);
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        List<Object> params = new ArrayList<>(ids.size() + 1);
        params.add(schoolId);
        params.addAll(ids);
        Map<String, Stored> profiles = new LinkedHashMap<>();
        sql.query("SELECT " + READ_COLUMNS + " FROM users WHERE school_id = ? AND id IN (" + in + ") ORDER BY id FOR UPDATE",
                rs -> profiles.put(rs.getString("id"), stored(rs)), params.toArray());
        if (profiles.isEmpty()) {
            return Map.of();
        }
        Map<String, Memberships> memberships = memberships(schoolId, " IN (" + in + ")", ids);
        Map<String, UserState> out = new HashMap<>();
        profiles.forEach((id, p) -> out.put(id, memberships.getOrDefault(id, new Memberships()).of(id, p)));
        return out;
    }

    private static final int LOCK_PAD = 10;

    private static List<String> padded(SortedSet<String> ids) {
        List<String> out = new ArrayList<>(ids);
        while (out.size() % LOCK_PAD != 0) {
            out.add(ids.last());
        }
        return out;
    }

    /** Whether the school has this user (one index look-up, nothing loaded). */
    public boolean exists(String schoolId, String userId) {
        return sql.one("SELECT 1 FROM users WHERE school_id = ? AND id = ?", rs -> 1, schoolId, userId).isPresent();
    }

    public Optional<UserState> read(String schoolId, String userId) {
        return load(schoolId, userId, "");
    }

    private Optional<UserState> load(String schoolId, String userId, String lock) {
        Optional<Stored> profile = sql.one("SELECT " + READ_COLUMNS + " FROM users WHERE school_id = ? AND id = ?" + lock,
                UserStore::stored, schoolId, userId);
        return profile.map(p -> state(schoolId, userId, p));
    }

    public Optional<String> findIdByEmail(String schoolId, String email) {
        return sql.one("SELECT id FROM users WHERE school_id = ? AND email_lower = ? ORDER BY id LIMIT 1",
                rs -> rs.getString(1), schoolId, email.toLowerCase(Locale.ROOT));
    }

    /**
     * Creates the user unless it exists; true when created. ON CONFLICT keeps a concurrent
     * creation from aborting the transaction (PostgreSQL aborts it on a unique violation).
     */
    public boolean insert(String schoolId, String userId, Profile p) {
        return sql.update("INSERT INTO users (school_id, " + COLUMNS + ", email_lower, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                schoolId, userId, p.email(), p.firstName(), p.lastName(), p.role(), p.registeredAt(), p.source(),
                p.timezone(), json(p.fields()), lower(p.email()), Instant.now()) == 1;
    }

    public void update(String schoolId, String userId, Profile p) {
        sql.update("UPDATE users SET email = ?, email_lower = ?, first_name = ?, last_name = ?, role = ?, "
                        + "registered_at = ?, source = ?, timezone = ?, fields = ?, updated_at = ? "
                        + "WHERE school_id = ? AND id = ?",
                p.email(), lower(p.email()), p.firstName(), p.lastName(), p.role(), p.registeredAt(), p.source(),
                p.timezone(), json(p.fields()), Instant.now(), schoolId, userId);
    }

    /** Adds the tags the user lacks; returns those newly added, in the order given. */
    /** How many tags the user would hold with {@code tags} added. */
    public static int tagsWith(UserState user, Collection<String> tags) {
        int count = user.tags().size();
        for (String t : new LinkedHashSet<>(tags)) {
            if (!user.tags().contains(t)) {
                count++;
            }
        }
        return count;
    }

    public Set<String> addTags(String schoolId, UserState user, Collection<String> tags) {
        Set<String> added = new LinkedHashSet<>();
        for (String t : tags) {
            if (!user.tags().contains(t)) {
                added.add(t);
            }
        }
        Instant now = Instant.now();
        List<Object[]> rows = new ArrayList<>();
        for (String t : added) {
            rows.add(new Object[]{schoolId, user.id(), t, now});
        }
        sql.batch("INSERT INTO user_tags (school_id, user_id, tag, added_at) VALUES (?, ?, ?, ?)", rows);
        user.tags().addAll(added);
        return added;
    }

    /** Removes the tags the user has; returns those actually removed. */
    public Set<String> removeTags(String schoolId, UserState user, Collection<String> tags) {
        Set<String> removed = new LinkedHashSet<>();
        for (String t : tags) {
            if (user.tags().contains(t)) {
                removed.add(t);
            }
        }
        List<Object[]> rows = new ArrayList<>();
        for (String t : removed) {
            rows.add(new Object[]{schoolId, user.id(), t});
        }
        sql.batch("DELETE FROM user_tags WHERE school_id = ? AND user_id = ? AND tag = ?", rows);
        user.tags().removeAll(removed);
        return removed;
    }

    /** Replaces the whole tag set (a directory sync). */
    public void replaceTags(String schoolId, UserState user, Set<String> tags) {
        Set<String> gone = new TreeSet<>(user.tags());
        gone.removeAll(tags);
        removeTags(schoolId, user, gone);
        addTags(schoolId, user, tags);
    }

    /**
     * Sets an enrollment's status (active, completed, unenrolled). Returns false when it already
     * had that status, so no event is raised for a change that did not happen.
     */
    public boolean setEnrollment(String schoolId, UserState user, String courseId, String status, Instant at) {
        UserState.Enrollment current = user.enrollments().get(courseId);
        if (current != null && current.status().equals(status)) {
            return false;
        }
        Instant enrolledAt = current == null || "unenrolled".equals(current.status()) && "active".equals(status)
                ? at : current.enrolledAt();
        Instant completedAt = "completed".equals(status) ? at : current == null ? null : current.completedAt();
        if ("active".equals(status)) {
            completedAt = null;
        }
        if (current == null) {
            sql.update("INSERT INTO enrollments (school_id, user_id, course_id, status, enrolled_at, completed_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?)", schoolId, user.id(), courseId, status, enrolledAt, completedAt);
        } else {
            sql.update("UPDATE enrollments SET status = ?, enrolled_at = ?, completed_at = ? "
                            + "WHERE school_id = ? AND user_id = ? AND course_id = ?",
                    status, enrolledAt, completedAt, schoolId, user.id(), courseId);
        }
        user.enrollments().put(courseId, new UserState.Enrollment(courseId, status, enrolledAt, completedAt,
                current == null ? null : current.lastVisitedAt()));
        return true;
    }

    /**
     * A visit (user.visited): the user's last visit, and the enrollment's when it names a course
     * the user is enrolled in, become the later of the stored one and {@code at}, so an older
     * visit arriving late never moves them back.
     */
    public void visit(String schoolId, UserState user, String courseId, Instant at) {
        sql.update("UPDATE users SET last_visited_at = ? WHERE school_id = ? AND id = ? "
                + "AND (last_visited_at IS NULL OR last_visited_at < ?)", at, schoolId, user.id(), at);
        UserState.Enrollment e = courseId == null ? null : user.enrollments().get(courseId);
        if (e != null && (e.lastVisitedAt() == null || e.lastVisitedAt().isBefore(at))) {
            sql.update("UPDATE enrollments SET last_visited_at = ? WHERE school_id = ? AND user_id = ? AND course_id = ?",
                    at, schoolId, user.id(), courseId);
            user.enrollments().put(courseId, new UserState.Enrollment(courseId, e.status(), e.enrolledAt(),
                    e.completedAt(), at));
        }
    }

    public boolean addToSpace(String schoolId, UserState user, String spaceId) {
        if (user.spaces().contains(spaceId)) {
            return false;
        }
        sql.update("INSERT INTO space_members (school_id, user_id, space_id, added_at) VALUES (?, ?, ?, ?)",
                schoolId, user.id(), spaceId, Instant.now());
        user.spaces().add(spaceId);
        return true;
    }

    public boolean removeFromSpace(String schoolId, UserState user, String spaceId) {
        if (!user.spaces().contains(spaceId)) {
            return false;
        }
        sql.update("DELETE FROM space_members WHERE school_id = ? AND user_id = ? AND space_id = ?",
                schoolId, user.id(), spaceId);
        user.spaces().remove(spaceId);
        return true;
    }

    /**
     * One page of users ordered by id, optionally only those holding a tag: two statements
     * whatever the page's size (the profiles, then every membership of the page's users).
     */
    public List<UserState> list(String schoolId, String tag, String afterId, int limit) {
        Map<String, Stored> profiles = new LinkedHashMap<>();
        if (tag == null) {
            sql.query("SELECT " + READ_COLUMNS + " FROM users WHERE school_id = ? AND id > ? ORDER BY id LIMIT ?",
                    rs -> profiles.put(rs.getString("id"), stored(rs)), schoolId, afterId, limit);
        } else {
            sql.query("SELECT " + prefixed("u.") + " FROM user_tags t JOIN users u ON u.school_id = t.school_id "
                            + "AND u.id = t.user_id WHERE t.school_id = ? AND t.tag = ? AND t.user_id > ? "
                            + "ORDER BY t.user_id LIMIT ?",
                    rs -> profiles.put(rs.getString("id"), stored(rs)), schoolId, tag, afterId, limit);
        }
        return withMemberships(schoolId, profiles);
    }

    /**
     * How many of the school's users a filter selects. {@code filter} is a boolean SQL expression
     * over the users row aliased {@code u} built by the condition compiler from fixed fragments,
     * its values all in {@code params}: never text a caller typed.
     */
    public long count(String schoolId, String filter, List<Object> params) {
        List<Object> all = new ArrayList<>(params.size() + 1);
        all.add(schoolId);
        all.addAll(params);
        return sql.one("SELECT COUNT(*) FROM users u WHERE u.school_id = ? AND (" + filter + ")",
                rs -> rs.getLong(1), all.toArray()).orElse(0L);
    }

    /** One page by id of the users a filter selects (see {@link #count}), with their memberships. */
    public List<UserState> listWhere(String schoolId, String filter, List<Object> params, String afterId, int limit) {
        List<Object> all = new ArrayList<>(params.size() + 3);
        all.add(schoolId);
        all.add(afterId);
        all.addAll(params);
        all.add(limit);
        Map<String, Stored> profiles = new LinkedHashMap<>();
        sql.query("SELECT " + prefixed("u.") + " FROM users u WHERE u.school_id = ? AND u.id > ? AND (" + filter
                + ") ORDER BY u.id LIMIT ?", rs -> profiles.put(rs.getString("id"), stored(rs)), all.toArray());
        return withMemberships(schoolId, profiles);
    }

    private List<UserState> withMemberships(String schoolId, Map<String, Stored> profiles) {
        if (profiles.isEmpty()) {
            return List.of();
        }
        List<String> ids = new ArrayList<>(profiles.keySet());
        String in = String.join(",", Collections.nCopies(ids.size(), "?"));
        Map<String, Memberships> memberships = memberships(schoolId, " IN (" + in + ")", ids);
        List<UserState> out = new ArrayList<>(ids.size());
        profiles.forEach((id, p) -> out.add(memberships.getOrDefault(id, new Memberships()).of(id, p)));
        return out;
    }

    private static String prefixed(String alias) {
        StringBuilder b = new StringBuilder();
        for (String column : READ_COLUMNS.split(", ")) {
            b.append(b.isEmpty() ? "" : ", ").append(alias).append(column);
        }
        return b.toString();
    }

    private UserState state(String schoolId, String userId, Stored p) {
        return memberships(schoolId, " = ?", List.of(userId)).getOrDefault(userId, new Memberships()).of(userId, p);
    }

    /** One user's tags, enrollments and spaces, as they are read. */
    private static final class Memberships {
        final TreeSet<String> tags = new TreeSet<>();
        final Map<String, UserState.Enrollment> enrollments = new TreeMap<>();
        final TreeSet<String> spaces = new TreeSet<>();

        UserState of(String userId, Stored stored) {
            Profile p = stored.profile();
            return new UserState(userId, p.email(), p.firstName(), p.lastName(), p.role(), p.registeredAt(),
                    p.source(), p.timezone(), p.fields(), tags, enrollments, spaces, stored.lastVisitedAt());
        }
    }

    /**
     * The tags, enrollments and spaces of the users {@code userCondition} selects (" = ?" or an
     * IN list over {@code userIds}), in one round trip (one UNION ALL instead of three queries):
     * this runs for every event, or once for a batch's chunk, with the users' rows locked.
     */
    private Map<String, Memberships> memberships(String schoolId, String userCondition, List<String> userIds) {
        List<Object> params = new ArrayList<>(3 * (userIds.size() + 1));
        for (int i = 0; i < 3; i++) {
            params.add(schoolId);
            params.addAll(userIds);
        }
        Map<String, Memberships> out = new HashMap<>();
        sql.query("SELECT 't', user_id, tag, CAST(NULL AS VARCHAR(20)), CAST(NULL AS TIMESTAMP WITH TIME ZONE), "
                + "CAST(NULL AS TIMESTAMP WITH TIME ZONE), CAST(NULL AS TIMESTAMP WITH TIME ZONE) FROM user_tags WHERE school_id = ? AND user_id" + userCondition
                + " UNION ALL SELECT 'e', user_id, course_id, status, enrolled_at, completed_at, last_visited_at FROM enrollments "
                + "WHERE school_id = ? AND user_id" + userCondition
                + " UNION ALL SELECT 's', user_id, space_id, NULL, NULL, NULL, NULL FROM space_members "
                + "WHERE school_id = ? AND user_id" + userCondition, rs -> {
            Memberships m = out.computeIfAbsent(rs.getString(2), u -> new Memberships());
            String id = rs.getString(3);
            switch (rs.getString(1)) {
                case "t" -> m.tags.add(id);
                case "e" -> m.enrollments.put(id, new UserState.Enrollment(id, rs.getString(4), instant(rs, 5),
                        instant(rs, 6), instant(rs, 7)));
                default -> m.spaces.add(id);
            }
            return null;
        }, params.toArray());
        return out;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        java.time.OffsetDateTime ts = rs.getObject(column, java.time.OffsetDateTime.class);
        return ts == null ? null : ts.toInstant();
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(profile(rs), Sql.instant(rs, "last_visited_at"));
    }

    private static Profile profile(ResultSet rs) throws SQLException {
        ObjectNode fields = (ObjectNode) JsonBodies.read(rs.getString("fields"));
        return new Profile(rs.getString("email"), rs.getString("first_name"), rs.getString("last_name"),
                rs.getString("role"), Sql.instant(rs, "registered_at"), rs.getString("source"),
                rs.getString("timezone"), fields);
    }

    private static String json(ObjectNode fields) {
        return fields == null ? "{}" : JsonBodies.write(fields);
    }

    private static String lower(String email) {
        return email == null ? null : email.toLowerCase(Locale.ROOT);
    }
}
