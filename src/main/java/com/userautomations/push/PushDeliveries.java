package com.userautomations.push;

import com.userautomations.common.Sql;
import com.userautomations.delivery.Attempt;
import com.userautomations.delivery.Claimed;
import com.userautomations.delivery.ScheduledChannel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Pushes as an outbox channel: the outbox claims, leases, retries (as webhooks: the same
 * schedule) and bounds them per push service (the target, the endpoint's origin); this class
 * hands each to the sender of its subscription's channel and keeps the subscription in step
 * (a 404 or 410 removes it).
 */
@ApplicationScoped
public class PushDeliveries implements ScheduledChannel<PushDeliveries.Push> {
    /** What a claimed push sends. */
    public record Push(String runId, int actionIndex, String subscriptionId, String userId, PushMessage message) {
    }

    private final Sql sql;
    private final PushSubscriptionStore subscriptions;
    private final Instance<PushSender> senders;
    private final Event<PushSettled> settled;
    private final Setup setup;

    public PushDeliveries(Sql sql, PushSubscriptionStore subscriptions, @Any Instance<PushSender> senders,
                          Event<PushSettled> settled,
                          PushConfig config,
                          // API.md: pushes are retried as webhooks are (the key is declared by WebhooksConfig)
                          @ConfigProperty(name = "automations.webhooks.retry-schedule") Optional<List<Duration>> schedule) {
        this.sql = sql;
        this.subscriptions = subscriptions;
        this.senders = senders;
        this.settled = settled;
        this.setup = Setup.of("push", "pushes", "sent", config.concurrency(), schedule);
    }

    @Override
    public Setup setup() {
        return setup;
    }

    @Override
    public String contentColumns() {
        return "run_id, action_index, subscription_id, user_id, title, body, url";
    }

    @Override
    public Push read(ResultSet rs) throws SQLException {
        return new Push(rs.getString("run_id"), rs.getInt("action_index"), rs.getString("subscription_id"),
                rs.getString("user_id"), new PushMessage(rs.getString("title"), rs.getString("body"), rs.getString("url")));
    }

    @Override
    public String possibleDuplicateNote() {
        return "a worker stopped while sending this push; sent again (possible duplicate)";
    }

    @Override
    public Attempt send(Claimed<Push> claimed) {
        Push p = claimed.message();
        Optional<PushSubscription> to = subscriptions.find(claimed.schoolId(), p.userId(), p.subscriptionId());
        if (to.isEmpty()) {
            return Attempt.failed("the subscription was removed");
        }
        if (to.get().expiredAt(Instant.now())) {
            return Attempt.failed(EXPIRED, null);
        }
        PushOutcome outcome = sender(PushChannel.WEB_PUSH).send(to.get(), p.message());
        return switch (outcome.kind()) {
            case SENT -> Attempt.delivered(outcome.statusCode());
            case EXPIRED -> Attempt.failed(EXPIRED, outcome.statusCode());
            case RETRY -> Attempt.retryLater(outcome.error(),
                    outcome.retryAfter() == null ? null : Instant.now().plus(outcome.retryAfter()), outcome.statusCode());
            case FAILED -> Attempt.failed(outcome.error(), outcome.statusCode());
        };
    }

    static final String EXPIRED = "the subscription has expired";

    private PushSender sender(PushChannel channel) {
        for (PushSender s : senders) {
            if (s.channel() == channel) {
                return s;
            }
        }
        throw new IllegalStateException("no sender for " + channel);
    }

    @Override
    public void settle(Claimed<Push> claimed, Attempt attempt, Instant now) {
        Push p = claimed.message();
        String status = null;
        String error = null;
        Integer code = null;
        if (attempt instanceof Attempt.Delivered d) {
            status = "sent";
            code = d.statusCode();
            sql.update("UPDATE pushes SET sent_at = ? WHERE id = ?", now, claimed.id());
        } else if (attempt instanceof Attempt.Failed f) {
            status = "failed";
            error = f.reason();
            code = f.statusCode();
            if (EXPIRED.equals(f.reason())) {
                subscriptions.remove(claimed.schoolId(), p.userId(), p.subscriptionId());
            }
        } else if (attempt instanceof Attempt.RetryLater r) {
            code = r.statusCode();
        }
        sql.update("UPDATE pushes SET last_status_code = ? WHERE id = ?", code, claimed.id());
        settled.fire(new PushSettled(claimed.schoolId(), p.runId(), p.actionIndex(), claimed.id(), p.subscriptionId(),
                status, error));
    }

    @Override
    public void requeued(String schoolId, String id) {
        sql.one("SELECT run_id, action_index, subscription_id FROM pushes WHERE id = ?",
                rs -> new PushSettled(schoolId, rs.getString(1), rs.getInt(2), id, rs.getString(3), null, null), id)
                .ifPresent(settled::fire);
    }
}
