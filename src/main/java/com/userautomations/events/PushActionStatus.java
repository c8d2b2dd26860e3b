package com.userautomations.events;

import com.userautomations.delivery.OutboxQueries;
import com.userautomations.push.PushSettled;
import com.userautomations.push.PushView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A run's send_push action follows its pushes, as send_email follows its emails; a push that is
 * done (sent, or failed for good) is told to the platform as push.sent or push.failed.
 */
@ApplicationScoped
public class PushActionStatus {
    private final RunStore runs;
    private final OutboxQueries pushes;
    private final OutcomeDeliveries outcomes;

    public PushActionStatus(RunStore runs, OutboxQueries pushes, OutcomeDeliveries outcomes) {
        this.runs = runs;
        this.pushes = pushes;
        this.outcomes = outcomes;
    }

    void onSettled(@Observes PushSettled settled) {
        runs.refreshMessageAction(settled.runId(), settled.actionIndex(), PUSHES_FAILED,
                () -> pushes.ofAction(PushView.TABLE, settled.runId(), settled.actionIndex()));
        if (settled.status() != null) {
            outcomes.tell(settled.runId(), settled.actionIndex(), "failed".equals(settled.status()) ? "push.failed"
                    : "push.sent", java.util.Map.of("pushId", settled.pushId(), "subscriptionId", settled.subscriptionId()),
                    settled.error());
        }
    }

    static final String PUSHES_FAILED = "a push could not be delivered; see /pushes";
}
