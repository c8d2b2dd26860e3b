package com.userautomations.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A flow on every user's enrollment in c1 that waits for their coupon ({@code wait_for
 * coupon.claimed}, a timeout of a few seconds): the stream's coupon event, a few events later,
 * resumes it in that event's transaction ({@code then}); a coupon held back past the timeout by a
 * kill lets the timer take {@code else} instead. Either way one step follows. Runs wait at the
 * wait_for across the kills, and resumptions by event and by timer cross them too.
 */
final class PursuitFlow implements FlowExpectation {
    static final Duration TIMEOUT = Duration.ofSeconds(6);
    /** How far the timeout's moment may be from runs.started_at plus the timeout (the run's clock readings). */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "pursuit";
    }

    @Override
    public String definition() {
        return """
                {"name": "pursuit", "triggers": [{"type": "user.enrolled", "courseIds": ["c1"]}],
                 "actions": [{"type": "wait_for", "event": {"type": "coupon.claimed"}, "timeout": "%s",
                              "then": [{"type": "add_tags", "tags": ["coupon-in-time"]}],
                              "else": [{"type": "add_tags", "tags": ["coupon-late"]}]},
                             {"type": "send_email", "to": "user", "subject": "Pursuit end {user.firstName}", "body": "Done"}]}"""
                .formatted(TIMEOUT);
    }

    @Override
    public String startedBy(int user) {
        return "enroll";
    }

    @Override
    public List<Outcome> allowed(UserFacts facts) {
        int u = facts.user();
        Outcome byEvent = Outcome.start().step("actions[0] done event").tag("actions[0].then[0]", "coupon-in-time")
                .email("actions[1]", "Pursuit end U" + u).ends("resumed by the coupon", "completed");
        Outcome byTimeout = Outcome.start().step("actions[0] done timeout").tag("actions[0].else[0]", "coupon-late")
                .email("actions[1]", "Pursuit end U" + u).ends("timed out", "completed");
        // the coupon was applied before its answer came; the timer resumes no sooner than the timeout
        Instant due = facts.runStartedAt().plus(TIMEOUT);
        if (facts.acknowledged("coupon").isBefore(due.minus(CLOCK_SLACK))) {
            return List.of(byEvent);
        }
        // the coupon was answered only as the timeout came, or after (a kill between): either won, once
        return List.of(byEvent.ends("resumed by the coupon (answered at the timeout)", "completed"),
                byTimeout.ends("timed out (coupon answered at the timeout)", "completed"));
    }
}
