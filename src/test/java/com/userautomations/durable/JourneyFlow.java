package com.userautomations.durable;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A flow on every user's coupon: an {@code if} on the tag the stream gave them ({@code vip} or
 * not), a wait of a few seconds, so that runs wait across the kills, and two steps after it.
 * Its exit goal, the tag {@code goal}, is what the stream's last event gives every fourth user,
 * a few events after the coupon: those runs end {@code exited} during the wait.
 */
final class JourneyFlow implements FlowExpectation {
    static final Duration WAIT = Duration.ofSeconds(5);
    /** How far the wait's due time may be from runs.started_at plus the wait (the run's clock readings). */
    private static final Duration CLOCK_SLACK = Duration.ofSeconds(1);

    @Override
    public String name() {
        return "journey";
    }

    @Override
    public String definition() {
        return """
                {"name": "journey", "triggers": [{"type": "coupon.claimed"}],
                 "exitWhen": {"type": "has_tags", "tags": ["goal"]},
                 "actions": [{"type": "if", "conditions": {"type": "has_tags", "tags": ["vip"]},
                              "then": [{"type": "send_email", "to": "user", "subject": "Journey VIP {user.firstName}", "body": "For you"}],
                              "else": [{"type": "add_tags", "tags": ["journey-regular"]}]},
                             {"type": "wait", "duration": "%s"},
                             {"type": "add_tags", "tags": ["journey-done"]},
                             {"type": "send_email", "to": "user", "subject": "Journey end {user.firstName}", "body": "Done"}]}"""
                .formatted(WAIT);
    }

    @Override
    public String startedBy(int user) {
        return "coupon";
    }

    @Override
    public List<Outcome> allowed(UserFacts facts) {
        int u = facts.user();
        Outcome branch = CrashIT.vip(u)
                ? Outcome.start().step("actions[0] done then").email("actions[0].then[0]", "Journey VIP U" + u)
                : Outcome.start().step("actions[0] done else").tag("actions[0].else[0]", "journey-regular");
        Outcome waited = branch.step("actions[1] done");
        Outcome exited = waited.ends("exited", "exited");
        Outcome completed = waited.tag("actions[2]", "journey-done").email("actions[3]", "Journey end U" + u)
                .ends("completed", "completed");
        if (!CrashIT.goal(u)) {
            return List.of(completed);
        }
        // the goal was applied before its answer came; the timer resumes the run no sooner than the wait's end
        Instant due = facts.runStartedAt().plus(WAIT);
        if (facts.acknowledged("goal").isBefore(due.minus(CLOCK_SLACK))) {
            return List.of(exited);
        }
        // the goal was answered only as the wait ended, or after (a kill between): the timer may have come first
        return List.of(exited.ends("exited (goal answered at the wait's end)", "exited"),
                completed.ends("completed (goal answered at the wait's end)", "completed"));
    }
}
