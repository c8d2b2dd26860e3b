package com.userautomations.automation;

import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Automations and their immutable versions: the one owner of {@code automations} and
 * {@code automation_versions}. Deleted ones stay as rows so runs can name them.
 */
@ApplicationScoped
public class AutomationStore {
    private static final String COLUMNS = "id, name, status, version, definition, activated_at, created_at, updated_at";

    /** An automation's row as of a rules version; {@code status} null when it is deleted or absent. */
    public record StateAt(long rulesVersion, String status, int version, Instant activatedAt) {
    }

    /** One automation of one school. */
    public record Key(String schoolId, String automationId) {
    }

    private final Sql sql;

    public AutomationStore(Sql sql) {
        this.sql = sql;
    }

    public void insert(String schoolId, StoredAutomation a) {
        sql.update("INSERT INTO automations (school_id, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                schoolId, a.id(), a.name(), a.status(), a.version(), a.definitionJson(), a.activatedAt(),
                a.createdAt(), a.updatedAt());
        insertVersion(schoolId, a);
    }

    public void update(String schoolId, StoredAutomation a) {
        sql.update("UPDATE automations SET name = ?, status = ?, version = ?, definition = ?, activated_at = ?, "
                        + "updated_at = ? WHERE school_id = ? AND id = ?",
                a.name(), a.status(), a.version(), a.definitionJson(), a.activatedAt(), a.updatedAt(), schoolId, a.id());
    }

    public void insertVersion(String schoolId, StoredAutomation a) {
        sql.update("INSERT INTO automation_versions (school_id, automation_id, version, definition, created_at) "
                + "VALUES (?, ?, ?, ?, ?)", schoolId, a.id(), a.version(), a.definitionJson(), a.updatedAt());
    }

    public void markDeleted(String schoolId, String id) {
        sql.update("UPDATE automations SET deleted = TRUE, status = 'paused', updated_at = ? WHERE school_id = ? AND id = ?",
                Instant.now(), schoolId, id);
    }

    /** Locks the row, so concurrent changes to one automation take turns. */
    public Optional<StoredAutomation> lock(String schoolId, String id) {
        return sql.one("SELECT " + COLUMNS + " FROM automations WHERE school_id = ? AND id = ? AND deleted = FALSE FOR UPDATE",
                AutomationStore::row, schoolId, id);
    }

    public Optional<StoredAutomation> find(String schoolId, String id) {
        return sql.one("SELECT " + COLUMNS + " FROM automations WHERE school_id = ? AND id = ? AND deleted = FALSE",
                AutomationStore::row, schoolId, id);
    }

    /** A page of the school's automations by id, after {@code afterId}. */
    public List<StoredAutomation> list(String schoolId, String afterId, int limit) {
        return sql.query("SELECT " + COLUMNS + " FROM automations WHERE school_id = ? AND deleted = FALSE AND id > ? "
                        + "ORDER BY id LIMIT ?", AutomationStore::row, schoolId, afterId, limit);
    }

    public List<StoredAutomation> active(String schoolId) {
        return sql.query("SELECT " + COLUMNS + " FROM automations WHERE school_id = ? AND deleted = FALSE "
                + "AND status = 'active' ORDER BY id", AutomationStore::row, schoolId);
    }

    /**
     * The school's automations, active or paused, that have been active and whose definition
     * names this trigger type (the text narrows the read; callers check the parsed triggers).
     */
    public List<StoredAutomation> withTrigger(String schoolId, String triggerType) {
        return sql.query("SELECT " + COLUMNS + " FROM automations WHERE school_id = ? AND deleted = FALSE "
                + "AND activated_at IS NOT NULL AND definition LIKE ? ORDER BY id", AutomationStore::row, schoolId,
                "%\"" + triggerType + "\"%");
    }

    /**
     * The automation's status, version and activation with the school's rules version, in one
     * statement (one consistent read); empty when the school does not exist.
     */
    public Optional<StateAt> stateAt(String schoolId, String automationId) {
        return sql.one("SELECT s.rules_version, a.status, a.version, a.activated_at FROM schools s "
                        + "LEFT JOIN automations a ON a.school_id = s.id AND a.id = ? AND a.deleted = FALSE WHERE s.id = ?",
                rs -> new StateAt(rs.getLong(1), rs.getString(2), rs.getInt(3), Sql.instant(rs, "activated_at")),
                automationId, schoolId);
    }

    /** The definition JSON of one saved version (written once, never changed). */
    public Optional<String> versionDefinition(String schoolId, String automationId, int version) {
        return sql.one("SELECT definition FROM automation_versions WHERE school_id = ? AND automation_id = ? "
                + "AND version = ?", rs -> rs.getString(1), schoolId, automationId, version);
    }

    /**
     * A page of an automation's versions, newest first, below {@code beforeVersion} (null: from
     * the newest): the primary key (school, automation, version) serves it.
     */
    public List<AutomationVersionView> versions(String schoolId, String automationId, Integer beforeVersion, int limit) {
        return sql.query("SELECT version, created_at, definition FROM automation_versions WHERE school_id = ? "
                        + "AND automation_id = ? AND version < ? ORDER BY version DESC LIMIT ?",
                rs -> AutomationVersionView.of(rs.getInt("version"), Sql.instant(rs, "created_at"), rs.getString("definition")),
                schoolId, automationId, beforeVersion == null ? Integer.MAX_VALUE : beforeVersion, limit);
    }

    /** Which of these automations are active (not paused, not deleted). */
    public Set<Key> activeAmong(Collection<Key> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        List<Key> distinct = List.copyOf(new LinkedHashSet<>(keys));
        StringBuilder where = new StringBuilder();
        List<Object> params = new ArrayList<>();
        for (Key k : distinct) {
            where.append(where.length() == 0 ? "" : " OR ").append("(school_id = ? AND id = ?)");
            params.add(k.schoolId());
            params.add(k.automationId());
        }
        return new HashSet<>(sql.query("SELECT school_id, id FROM automations WHERE status = 'active' AND deleted = FALSE "
                + "AND (" + where + ")", rs -> new Key(rs.getString(1), rs.getString(2)), params.toArray()));
    }

    /**
     * Bumps the school's rules version in the same transaction as the change, so every process
     * that reads it afterwards knows its rule base is stale. Also serialises changes per school.
     */
    /** Locks the school's row (creations of one school queue here) and counts its automations. */
    public long lockAndCount(String schoolId) {
        sql.one("SELECT id FROM schools WHERE id = ? FOR UPDATE", rs -> rs.getString(1), schoolId);
        return sql.one("SELECT COUNT(*) FROM automations WHERE school_id = ? AND deleted = FALSE",
                rs -> rs.getLong(1), schoolId).orElse(0L);
    }

    public long bumpRulesVersion(String schoolId) {
        sql.update("UPDATE schools SET rules_version = rules_version + 1 WHERE id = ?", schoolId);
        return rulesVersion(schoolId);
    }

    public long rulesVersion(String schoolId) {
        return sql.one("SELECT rules_version FROM schools WHERE id = ?", rs -> rs.getLong(1), schoolId).orElse(0L);
    }

    private static StoredAutomation row(ResultSet rs) throws SQLException {
        return new StoredAutomation(rs.getString("id"), rs.getString("name"), rs.getString("status"),
                rs.getInt("version"), rs.getString("definition"), Sql.instant(rs, "activated_at"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
