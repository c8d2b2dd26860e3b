package com.userautomations.delivery;

import com.userautomations.common.ApiException;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.TreeSet;

/**
 * A failed (or, where the channel allows, delivered) message sent again by hand (the channels'
 * {@code :retry} endpoints): queued again, due now. Its attempts count on, so a retry policy
 * already spent allows this one attempt; a later failure fails it again.
 */
@ApplicationScoped
public class OutboxRetries {
    private final Sql sql;

    public OutboxRetries(Sql sql) {
        this.sql = sql;
    }

    /**
     * In the caller's transaction, or a new one. {@code noun} names the message in the answers
     * ("No such webhook delivery").
     *
     * @throws ApiException 404 when the school has no such message, 409 when its status is not one of
     *                      the channel's {@link OutboxChannel#retryableStatuses()}
     */
    @Transactional
    public void retry(OutboxChannel<?> channel, String noun, String schoolId, String id) {
        requeue(channel, noun, schoolId, id, false);
    }

    /** As {@link #retry}; {@code freshAttempts} starts the count again (emails, as before issue 12). */
    void requeue(OutboxChannel<?> channel, String noun, String schoolId, String id, boolean freshAttempts) {
        String status = sql.one("SELECT status FROM " + channel.table() + " WHERE school_id = ? AND id = ? FOR UPDATE",
                rs -> rs.getString(1), schoolId, id).orElseThrow(() -> ApiException.notFound("No such " + noun));
        if (!channel.retryableStatuses().contains(status)) {
            throw ApiException.conflict("Only a " + String.join(" or ", new TreeSet<>(channel.retryableStatuses()))
                    + " " + noun + " can be retried; this one is " + status);
        }
        sql.update("UPDATE " + channel.table() + " SET status = 'queued', next_attempt_at = ?"
                + (freshAttempts ? ", attempts = 0" : "") + " WHERE id = ?", Instant.now(), id);
        channel.requeued(schoolId, id);
    }
}
