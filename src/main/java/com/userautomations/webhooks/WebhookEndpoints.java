package com.userautomations.webhooks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one owner of {@code webhook_endpoints}: what other packages ask of endpoints (who
 * subscribes to a type, the secrets to sign with, disabling one) and the statements of the
 * endpoints' CRUD. Every statement is scoped by the endpoint's id or its school.
 */
@ApplicationScoped
public class WebhookEndpoints {
    /**
     * Several processes share the database and a change in one is not announced to the others,
     * so the enabled endpoints of a school are cached only this long (a change in this process
     * also drops the school's entry at once).
     */
    static final Duration CACHE_FOR = Duration.ofSeconds(2);
    private static final String COLUMNS = "id, school_id, url, events, description, status, disabled_reason, disabled_at, "
            + "created_at, updated_at";

    private final Sql sql;
    private final Cache<String, List<WebhookEndpoint>> enabledBySchool = Caffeine.newBuilder()
            .expireAfterWrite(CACHE_FOR).maximumSize(10_000).build();

    public WebhookEndpoints(Sql sql) {
        this.sql = sql;
    }

    /** The school's enabled endpoints whose events hold {@code type} (or "*"); none for a ping. */
    public List<WebhookEndpoint> subscribed(String schoolId, WebhookEventType type) {
        List<WebhookEndpoint> enabled = enabledBySchool.get(schoolId, s -> sql.query("SELECT " + COLUMNS
                + " FROM webhook_endpoints WHERE school_id = ? AND status = 'enabled' ORDER BY id", WebhookEndpoints::row, s));
        return enabled.stream().filter(e -> e.events().includes(type)).toList();
    }

    /**
     * The secrets valid at {@code at}, newest first: the current one, and the one before it while
     * its 24 h after a rotation last. Empty for an unknown endpoint.
     */
    public List<WebhookSecret> secretsFor(String endpointId, Instant at) {
        return sql.one("SELECT secret, previous_secret, previous_secret_expires_at FROM webhook_endpoints WHERE id = ?", rs -> {
            List<WebhookSecret> secrets = new ArrayList<>(2);
            secrets.add(WebhookSecret.parse(rs.getString(1)));
            Instant previousUntil = Sql.instant(rs, "previous_secret_expires_at");
            if (rs.getString(2) != null && previousUntil != null && previousUntil.isAfter(at)) {
                secrets.add(WebhookSecret.parse(rs.getString(2)));
            }
            return List.copyOf(secrets);
        }, endpointId).orElse(List.of());
    }

    public Optional<WebhookEndpoint> find(String schoolId, String id) {
        return sql.one("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE school_id = ? AND id = ?",
                WebhookEndpoints::row, schoolId, id);
    }

    /**
     * Disables an enabled endpoint (a 410, days of failures); {@code reason} is a plain sentence
     * the school reads. False when it was disabled already or is gone, so one caller of several
     * racing acts on it (one email to the admins). In the caller's transaction, if any.
     */
    @Transactional
    public boolean disable(String endpointId, String reason, Instant at) {
        int changed = sql.update("UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = ?, disabled_at = ?, "
                + "updated_at = ? WHERE id = ? AND status = 'enabled'", reason, at, at, endpointId);
        enabledBySchool.invalidateAll(); // rare, and the id alone does not say the school
        return changed == 1;
    }

    // ---- the CRUD's statements (WebhookService) ----

    /** Locks the school's row so that two creates cannot both pass the limit, then counts. */
    long lockSchoolAndCount(String schoolId) {
        sql.one("SELECT id FROM schools WHERE id = ? FOR UPDATE", rs -> rs.getString(1), schoolId);
        return sql.one("SELECT COUNT(*) FROM webhook_endpoints WHERE school_id = ?", rs -> rs.getLong(1), schoolId).orElse(0L);
    }

    Optional<WebhookEndpoint> lock(String schoolId, String id) {
        return sql.one("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE school_id = ? AND id = ? FOR UPDATE",
                WebhookEndpoints::row, schoolId, id);
    }

    void insert(WebhookEndpoint e, WebhookSecret secret) {
        sql.update("INSERT INTO webhook_endpoints (id, school_id, url, events, description, status, secret, created_at, updated_at) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", e.id(), e.schoolId(), e.url(), e.events().stored(), e.description(),
                e.status().wireName(), secret.value(), e.createdAt(), e.updatedAt());
        enabledBySchool.invalidate(e.schoolId());
    }

    void update(WebhookEndpoint e) {
        sql.update("UPDATE webhook_endpoints SET url = ?, events = ?, description = ?, status = ?, disabled_reason = ?, "
                        + "disabled_at = ?, updated_at = ? WHERE school_id = ? AND id = ?", e.url(), e.events().stored(),
                e.description(), e.status().wireName(), e.disabledReason(), e.disabledAt(), e.updatedAt(), e.schoolId(), e.id());
        enabledBySchool.invalidate(e.schoolId());
    }

    /**
     * The current secret becomes the previous one, valid until {@code previousUntil}; a previous
     * one still valid ends now (at most two are valid at once). Under the row's lock.
     */
    void rotate(String schoolId, String id, WebhookSecret next, Instant previousUntil, Instant now) {
        sql.update("UPDATE webhook_endpoints SET previous_secret = secret, previous_secret_expires_at = ?, secret = ?, "
                + "updated_at = ? WHERE school_id = ? AND id = ?", previousUntil, next.value(), now, schoolId, id);
    }

    boolean delete(String schoolId, String id) {
        int deleted = sql.update("DELETE FROM webhook_endpoints WHERE school_id = ? AND id = ?", schoolId, id);
        enabledBySchool.invalidate(schoolId);
        return deleted == 1;
    }

    /** A page of the school's endpoints by id, after {@code afterId} ("" for the first). */
    List<WebhookEndpoint> list(String schoolId, String afterId, int fetch) {
        return sql.query("SELECT " + COLUMNS + " FROM webhook_endpoints WHERE school_id = ? AND id > ? ORDER BY id LIMIT ?",
                WebhookEndpoints::row, schoolId, afterId, fetch);
    }

    private static WebhookEndpoint row(ResultSet rs) throws SQLException {
        return new WebhookEndpoint(rs.getString("id"), rs.getString("school_id"), rs.getString("url"),
                WebhookEvents.fromStored(rs.getString("events")), rs.getString("description"),
                WebhookStatus.fromWire(rs.getString("status")).orElseThrow(), rs.getString("disabled_reason"),
                Sql.instant(rs, "disabled_at"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
