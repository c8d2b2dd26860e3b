package com.userautomations.delivery;

import com.userautomations.common.ApiException;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import java.time.Instant;

/** An operator or admin sends a failed email again: it goes back to the outbox with fresh attempts. */
@ApplicationScoped
public class EmailRetries {
    private final Sql sql;
    private final Event<EmailSettled> settled;
    private final EmailQueries queries;

    public EmailRetries(Sql sql, Event<EmailSettled> settled, EmailQueries queries) {
        this.sql = sql;
        this.settled = settled;
        this.queries = queries;
    }

    /** The email as queued again, read in the same transaction. */
    @Transactional
    public EmailView retry(String schoolId, String emailId) {
        record Row(String status, String runId, int actionIndex) {
        }
        Row row = sql.one("SELECT status, run_id, action_index FROM emails WHERE school_id = ? AND id = ? FOR UPDATE",
                        rs -> new Row(rs.getString(1), rs.getString(2), rs.getInt(3)), schoolId, emailId)
                .orElseThrow(() -> ApiException.notFound("No such email"));
        if (!"failed".equals(row.status())) {
            throw ApiException.conflict("Only a failed email can be retried; this one is " + row.status());
        }
        sql.update("UPDATE emails SET status = 'queued', attempts = 0, next_attempt_at = ? WHERE id = ?",
                Instant.now(), emailId);
        settled.fire(new EmailSettled(row.runId(), row.actionIndex()));
        return queries.email(schoolId, emailId);
    }
}
