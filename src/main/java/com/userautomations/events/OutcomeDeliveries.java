package com.userautomations.events;

import com.userautomations.webhooks.PlatformEvent;
import com.userautomations.webhooks.WebhookOutbox;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells the platform how a run's outbox messages ended (email.sent, email.failed, push.sent,
 * push.failed), in the transaction that settled them: the run's owner knows what every delivery
 * names (automation, version, root event), the outbox does not.
 */
@ApplicationScoped
public class OutcomeDeliveries {
    private final RunStore runs;
    private final WebhookOutbox webhooks;

    public OutcomeDeliveries(RunStore runs, WebhookOutbox webhooks) {
        this.runs = runs;
        this.webhooks = webhooks;
    }

    void tell(String runId, int actionIndex, String type, Map<String, Object> details, String error) {
        // a notice email (a disabled endpoint) belongs to no run: nothing to tell
        runs.context(runId).ifPresent(run -> {
            Map<String, Object> data = new LinkedHashMap<>(details);
            data.put("error", error);
            webhooks.publish(List.of(new PlatformEvent(type, run.schoolId(), run.userId(), run.automationId(),
                    run.version(), run.id(), runs.stepOf(run.id(), actionIndex), run.rootEventId(), run.eventOccurredAt(),
                    data).rootedAt(run.jobId(), run.trigger())));
        });
    }
}
