package com.userautomations.automation;

import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Automations and their immutable versions. Deleted ones stay as rows so runs can name them. */
@ApplicationScoped
public class AutomationStore {
    private static final String COLUMNS = "id, name, status, version, definition, activated_at, created_at, updated_at";

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

    public List<StoredAutomation> list(String schoolId) {
        return sql.query("SELECT " + COLUMNS + " FROM automations WHERE school_id = ? AND deleted = FALSE ORDER BY created_at, id",
                AutomationStore::row, schoolId);
    }

    public List<StoredAutomation> active(String schoolId) {
        return sql.query("SELECT " + COLUMNS + " FROM automations WHERE school_id = ? AND deleted = FALSE "
                + "AND status = 'active' ORDER BY id", AutomationStore::row, schoolId);
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
