package com.userautomations.events;

import com.userautomations.delivery.EmailSettled;
import com.userautomations.delivery.EmailView;
import com.userautomations.delivery.OutboxQueries;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's send_email action follows its emails: the outbox reports, the run's owner writes; an
 * email that is done is told to the platform as email.sent or email.failed.
 */
@ApplicationScoped
public class EmailActionStatus {
    private final RunStore runs;
    private final OutboxQueries emails;
    private final OutcomeDeliveries outcomes;

    public EmailActionStatus(RunStore runs, OutboxQueries emails, OutcomeDeliveries outcomes) {
        this.runs = runs;
        this.emails = emails;
        this.outcomes = outcomes;
    }

    void onSettled(@Observes EmailSettled settled) {
        runs.refreshMessageAction(settled.runId(), settled.actionIndex(), EMAILS_FAILED,
                () -> emails.ofAction(EmailView.TABLE, settled.runId(), settled.actionIndex()));
        if (settled.status() != null) {
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("emailId", settled.emailId());
            details.put("to", settled.to());
            outcomes.tell(settled.runId(), settled.actionIndex(), "failed".equals(settled.status()) ? "email.failed"
                    : "email.sent", details, settled.error());
        }
    }

    static final String EMAILS_FAILED = "an email could not be delivered; see /emails";
}
