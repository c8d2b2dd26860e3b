package com.userautomations.events;

import com.userautomations.delivery.EmailQueries;
import com.userautomations.delivery.EmailSettled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** A run's send_email action follows its emails: the outbox reports, the run's owner writes. */
@ApplicationScoped
public class EmailActionStatus {
    private final RunStore runs;
    private final EmailQueries emails;

    public EmailActionStatus(RunStore runs, EmailQueries emails) {
        this.runs = runs;
        this.emails = emails;
    }

    void onSettled(@Observes EmailSettled settled) {
        runs.refreshEmailAction(settled.runId(), settled.actionIndex(),
                () -> emails.ofAction(settled.runId(), settled.actionIndex()));
    }
}
