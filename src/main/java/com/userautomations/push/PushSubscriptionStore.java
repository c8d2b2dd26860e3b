package com.userautomations.push;

import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The table {@code push_subscriptions}. Expired subscriptions are removed when a user's
 * subscriptions are read ({@link #live}), which is what both the API and a send do first.
 */
@ApplicationScoped
public class PushSubscriptionStore {
    private static final String COLUMNS = "school_id, user_id, id, endpoint, p256dh, auth, expiration_time, created_at, updated_at";
    private final Sql sql;

    public PushSubscriptionStore(Sql sql) {
        this.sql = sql;
    }

    /** The user's subscriptions that have not expired, oldest first; the expired ones are deleted. */
    public List<PushSubscription> live(String schoolId, String userId, Instant now) {
        sql.update("DELETE FROM push_subscriptions WHERE school_id = ? AND user_id = ? AND expiration_time <= ?",
                schoolId, userId, now);
        return sql.query("SELECT " + COLUMNS + " FROM push_subscriptions WHERE school_id = ? AND user_id = ? ORDER BY created_at, id",
                PushSubscriptionStore::row, schoolId, userId);
    }

    public Optional<PushSubscription> find(String schoolId, String userId, String id) {
        return sql.one("SELECT " + COLUMNS + " FROM push_subscriptions WHERE school_id = ? AND user_id = ? AND id = ?",
                PushSubscriptionStore::row, schoolId, userId, id);
    }

    /** Removes one subscription (the API's DELETE, or a push service answering 404 or 410); true if it was there. */
    public boolean remove(String schoolId, String userId, String id) {
        return sql.update("DELETE FROM push_subscriptions WHERE school_id = ? AND user_id = ? AND id = ?",
                schoolId, userId, id) > 0;
    }

    /** Removes whichever row holds this endpoint but the one being saved: an endpoint is one browser's. */
    int removeEndpointElsewhere(String schoolId, String endpoint, String userId, String id) {
        return sql.update("DELETE FROM push_subscriptions WHERE school_id = ? AND endpoint = ? AND NOT (user_id = ? AND id = ?)",
                schoolId, endpoint, userId, id);
    }

    /**
     * Inserts the row unless its id or endpoint is taken; false when it is (a concurrent save of
     * the same endpoint committed first: PostgreSQL waits for it, then does nothing).
     */
    boolean insertIfAbsent(PushSubscription s) {
        return sql.update("INSERT INTO push_subscriptions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                s.schoolId(), s.userId(), s.id(), s.endpoint(), s.keys().p256dhBase64Url(), s.keys().authBase64Url(),
                s.expirationTime(), s.createdAt(), s.updatedAt()) > 0;
    }

    private static PushSubscription row(ResultSet rs) throws SQLException {
        return new PushSubscription(rs.getString("school_id"), rs.getString("user_id"), rs.getString("id"),
                rs.getString("endpoint"), PushSubscriptionKeys.of(rs.getString("p256dh"), rs.getString("auth")),
                Sql.instant(rs, "expiration_time"), Sql.instant(rs, "created_at"), Sql.instant(rs, "updated_at"));
    }
}
