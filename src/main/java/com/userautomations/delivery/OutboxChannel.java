package com.userautomations.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Set;

/**
 * A kind of outbox message (email, webhook, push): the one outbox ({@link OutboxWorker}) claims,
 * leases, sends, retries and counts every channel's messages the same way; the channel says
 * where its rows are, how to read and send one, and what to write when an attempt is settled.
 * A channel is an {@code @ApplicationScoped} bean; the worker finds every one.
 *
 * <p>The channel's table has the outbox's state columns: {@code id, school_id, status ('queued',
 * 'sending', then deliveredStatus() or 'failed'), attempts, next_attempt_at, sending_at,
 * last_error, target, created_at}. The outbox alone writes them; the channel writes its own
 * columns in {@link #settle}. {@code target} is what concurrency is bounded by (an endpoint, a
 * push service, the SMTP server): at most {@link #concurrencyPerTarget()} messages of one target
 * are in flight, and a full target is skipped, so it never holds a school's other messages.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class WebhookChannel implements OutboxChannel<WebhookCall> {
 *     public String name() { return "webhook"; }
 *     public String table() { return "webhook_deliveries"; }
 *     public String deliveredStatus() { return "delivered"; }
 *     public String contentColumns() { return "endpoint_id, event_type, payload"; }
 *     public WebhookCall read(ResultSet rs) throws SQLException {
 *         return new WebhookCall(rs.getString("endpoint_id"), rs.getString("event_type"), rs.getString("payload"));
 *     }
 *     public int concurrencyPerTarget() { return config.concurrency(); }        // AUTOMATIONS_WEBHOOKS_CONCURRENCY
 *     public RetryPolicy retryPolicy() { return schedule; }                      // new FixedSchedule(config.retrySchedule())
 *     public String possibleDuplicateNote() { return "a worker stopped while delivering this webhook; delivered again (possible duplicate)"; }
 *     public Attempt send(Claimed<WebhookCall> call) {                            // no transaction here
 *         HttpAnswer a = poster.post(call.message());
 *         if (a.ok()) return Attempt.delivered(a.status());
 *         if (a.retryable()) return Attempt.retryLater("the endpoint answered " + a.status(), a.retryAfter(), a.status());
 *         return Attempt.failed("the endpoint refused the delivery", a.status());
 *     }
 *     public void settle(Claimed<WebhookCall> call, Attempt attempt, Instant now) {  // in the settle transaction
 *         sql.update("UPDATE webhook_deliveries SET last_status_code = ? WHERE id = ?", statusOf(attempt), call.id());
 *     }
 * }
 * }</pre>
 *
 * @param <M> what the channel reads from its content columns and sends
 */
public interface OutboxChannel<M> {
    /** Short and constant ("email", "webhook", "push"): the metrics' channel tag and the logs' word. */
    String name();

    /** The channel's table: a constant of the channel's code (it goes into SQL), never user text. */
    String table();

    /** The status of a delivered message: 'sent' or 'delivered'. */
    String deliveredStatus();

    /** The content columns read at claim, comma-separated constants (the state columns are read anyway). */
    String contentColumns();

    /** The content of the current row; columns by name. */
    M read(ResultSet rs) throws SQLException;

    /** At most this many messages of one target in flight (per process). */
    int concurrencyPerTarget();

    RetryPolicy retryPolicy();

    /**
     * The note stored in {@code last_error} when a message is taken again after its lease: the
     * first attempt may have been delivered. Kept when the resend is delivered.
     */
    String possibleDuplicateNote();

    /**
     * Sends one message, outside any transaction, bounded in time: within
     * {@code automations.outbox.send-timeout}, as the lease after which a 'sending' message is
     * taken again is twice that plus 5 s. A runtime exception counts as
     * {@link Attempt.RetryLater} with a plain reason; its details go to the log only.
     */
    Attempt send(Claimed<M> message);

    /**
     * Called in the transaction that settles the attempt, after the outbox updated the state
     * columns (a {@link Attempt.RetryLater} with no attempt left arrives as {@link Attempt.Failed}).
     * The channel writes its own columns and fires its events here.
     */
    void settle(Claimed<M> message, Attempt attempt, Instant now);

    /** The statuses from which {@link OutboxRetries#retry} sends a message again (webhooks: delivered too). */
    default Set<String> retryableStatuses() {
        return Set.of("failed");
    }

    /** Called in the transaction of {@link OutboxRetries#retry} once the message is queued again. */
    default void requeued(String schoolId, String id) {
    }
}
