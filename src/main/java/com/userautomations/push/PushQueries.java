package com.userautomations.push;

import com.userautomations.common.Cursors;
import com.userautomations.common.Page;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Read side of the pushes: /pushes, and how far a send_push action's pushes got. */
@ApplicationScoped
public class PushQueries {
    private static final String COLUMNS = "id, subscription_id, title, body, url, status, automation_id, event_id, run_id, "
            + "user_id, attempts, last_error, created_at, sent_at";

    /** The pushes of one send_push action of a run: how many failed, how many are not sent yet, the most attempts. */
    public record ActionPushes(int failed, int unsent, int maxAttempts) {
    }

    private final Sql sql;
    private final Cursors cursors;

    public PushQueries(Sql sql, Cursors cursors) {
        this.sql = sql;
        this.cursors = cursors;
    }

    /** A page of the school's pushes, newest first, by user or automation. */
    @Transactional
    public Page<PushView> pushes(String schoolId, String userId, String automationId, String limit, String cursor) {
        String scope = Cursors.scope("pushes", schoolId, userId, automationId);
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
        List<PushView> rows = sql.query("SELECT " + COLUMNS + " FROM pushes WHERE " + where
                + " ORDER BY created_at DESC, id LIMIT ?", PushQueries::push, params.toArray());
        return cursors.page(rows, page, scope, p -> List.of(p.createdAt().toString(), p.id()));
    }

    /** In the caller's transaction; one statement, so it sees every push as committed when it starts. */
    public ActionPushes ofAction(String runId, int actionIndex) {
        return sql.one("SELECT COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0), "
                        + "COALESCE(SUM(CASE WHEN status <> 'sent' THEN 1 ELSE 0 END), 0), COALESCE(MAX(attempts), 0) "
                        + "FROM pushes WHERE run_id = ? AND action_index = ?",
                rs -> new ActionPushes(rs.getInt(1), rs.getInt(2), rs.getInt(3)), runId, actionIndex)
                .orElse(new ActionPushes(0, 0, 0));
    }

    private static PushView push(ResultSet rs) throws SQLException {
        String status = rs.getString("status");
        return new PushView(rs.getString("id"), rs.getString("subscription_id"), rs.getString("title"),
                rs.getString("body"), rs.getString("url"),
                // 'sending' is internal: to clients the push is still queued
                "sending".equals(status) ? "queued" : status, rs.getString("automation_id"), rs.getString("event_id"),
                rs.getString("run_id"), rs.getString("user_id"), rs.getInt("attempts"), rs.getString("last_error"),
                Sql.instant(rs, "created_at"), Sql.instant(rs, "sent_at"));
    }
}
