package com.userautomations.delivery;

import com.userautomations.common.ApiException;
import com.userautomations.common.Cursors;
import com.userautomations.common.Page;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Read side of the outbox: emails as /emails shows them, and how far an action's emails got. */
@ApplicationScoped
public class EmailQueries {
    private static final String EMAIL_COLUMNS = "id, to_address, subject, body, status, automation_id, event_id, "
            + "run_id, user_id, attempts, last_error, created_at, sent_at, delivered";

    /** The emails of one send_email action of a run: how many failed, how many are not sent yet, the most attempts. */
    public record ActionEmails(int failed, int unsent, int maxAttempts) {
    }

    private final Sql sql;
    private final Cursors cursors;

    public EmailQueries(Sql sql, Cursors cursors) {
        this.sql = sql;
        this.cursors = cursors;
    }

    /** A page of the school's emails, newest first (created_at descending, then id), by user or automation. */
    @Transactional
    public Page<EmailView> emails(String schoolId, String userId, String automationId, String limit,
                                  String cursor) {
        String scope = Cursors.scope("emails", schoolId, userId, automationId);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        StringBuilder where = new StringBuilder("school_id = ?");
        List<Object> params = new ArrayList<>(List.of(schoolId));
        if (userId != null) {
            where.append(" AND user_id = ?");
            params.add(userId);
        }
        if (automationId != null) {
            where.append(" AND automation_id = ?");
            params.add(automationId);
        }
        where.append(page.newestFirstAfter("created_at", params));
        params.add(page.fetch());
        List<EmailView> rows = sql.query("SELECT " + EMAIL_COLUMNS + " FROM emails WHERE " + where
                + " ORDER BY created_at DESC, id LIMIT ?", EmailQueries::email, params.toArray());
        return cursors.page(rows, page, scope, e -> List.of(e.createdAt().toString(), e.id()));
    }

    @Transactional
    public EmailView email(String schoolId, String emailId) {
        return sql.one("SELECT " + EMAIL_COLUMNS + " FROM emails WHERE school_id = ? AND id = ?", EmailQueries::email,
                schoolId, emailId).orElseThrow(() -> ApiException.notFound("No such email"));
    }

    /** In the caller's transaction; one statement, so it sees every email as committed when it starts. */
    public ActionEmails ofAction(String runId, int actionIndex) {
        return sql.one("SELECT COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0), "
                        + "COALESCE(SUM(CASE WHEN status <> 'sent' THEN 1 ELSE 0 END), 0), COALESCE(MAX(attempts), 0) "
                        + "FROM emails WHERE run_id = ? AND action_index = ?",
                rs -> new ActionEmails(rs.getInt(1), rs.getInt(2), rs.getInt(3)), runId, actionIndex)
                .orElse(new ActionEmails(0, 0, 0));
    }

    private static EmailView email(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        // sent without SMTP configured is only recorded (and logged): not delivered
        Boolean delivered = "sent".equals(status) ? rs.getObject("delivered", Boolean.class) : Boolean.FALSE;
        return new EmailView(rs.getString("id"), rs.getString("to_address"), rs.getString("subject"),
                rs.getString("body"),
                // 'sending' is internal (the SMTP call is under way): to clients the email is still queued
                "sending".equals(status) ? "queued" : status,
                rs.getString("automation_id"), rs.getString("event_id"), rs.getString("run_id"), rs.getString("user_id"),
                rs.getInt("attempts"), rs.getString("last_error"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "sent_at"), delivered);
    }
}
