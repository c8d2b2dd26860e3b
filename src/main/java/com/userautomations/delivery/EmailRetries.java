package com.userautomations.delivery;

import com.userautomations.common.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** An operator or admin sends a failed email again: it goes back to the outbox with fresh attempts. */
@ApplicationScoped
public class EmailRetries {
    private final OutboxRetries retries;
    private final EmailChannel channel;
    private final OutboxQueries queries;

    public EmailRetries(OutboxRetries retries, EmailChannel channel, OutboxQueries queries) {
        this.retries = retries;
        this.channel = channel;
        this.queries = queries;
    }

    /** The email as queued again, read in the same transaction. */
    @Transactional
    public EmailView retry(String schoolId, String emailId) {
        retries.requeue(channel, "email", schoolId, emailId, true);
        return queries.one(EmailView.TABLE, schoolId, emailId)
                .orElseThrow(() -> ApiException.notFound("No such email"));
    }
}
