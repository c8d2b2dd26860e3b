package com.userautomations.events;

import com.userautomations.common.ApiException;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.PageLimit;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read side: an event with its answer and runs, runs, emails. */
@ApplicationScoped
public class EventQueries {
    private static final String EMAIL_COLUMNS = "id, to_address, subject, body, status, automation_id, event_id, "
            + "run_id, user_id, attempts, last_error, created_at, sent_at";

    private final Sql sql;
    private final RunStore runs;

    public EventQueries(Sql sql, RunStore runs) {
        this.sql = sql;
        this.runs = runs;
    }

    @Transactional
    public Map<String, Object> event(String schoolId, String eventId) {
        Map<String, Object> event = sql.one("SELECT id, type, user_id, received_at, body, answer FROM events "
                + "WHERE school_id = ? AND id = ?", rs -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("id", rs.getString(1));
            e.put("type", rs.getString(2));
            e.put("userId", rs.getString(3));
            e.put("receivedAt", Sql.instant(rs, "received_at"));
            e.put("event", JsonBodies.read(rs.getString(5)));
            e.put("answer", rs.getString(6) == null ? null : JsonBodies.read(rs.getString(6)));
            return e;
        }, schoolId, eventId).orElseThrow(() -> ApiException.notFound("No such event"));
        event.put("runs", runs.list(schoolId, null, null, eventId, 1000));
        return event;
    }

    @Transactional
    public List<Map<String, Object>> runs(String schoolId, String automationId, String userId, String eventId,
                                          String limit) {
        return runs.list(schoolId, automationId, userId, eventId, limit(limit));
    }

    @Transactional
    public List<Map<String, Object>> emails(String schoolId, String userId, String automationId, String limit) {
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
        params.add(limit(limit));
        return sql.query("SELECT " + EMAIL_COLUMNS + " FROM emails WHERE " + where
                + " ORDER BY created_at DESC, id LIMIT ?", EventQueries::email, params.toArray());
    }

    @Transactional
    public Map<String, Object> email(String schoolId, String emailId) {
        return sql.one("SELECT " + EMAIL_COLUMNS + " FROM emails WHERE school_id = ? AND id = ?", EventQueries::email,
                schoolId, emailId).orElseThrow(() -> ApiException.notFound("No such email"));
    }

    private static Map<String, Object> email(ResultSet rs) throws SQLException {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", rs.getString("id"));
        e.put("to", rs.getString("to_address"));
        e.put("subject", rs.getString("subject"));
        e.put("body", rs.getString("body"));
        // 'sending' is internal (the SMTP call is under way): to clients the email is still queued
        e.put("status", "sending".equals(rs.getString("status")) ? "queued" : rs.getString("status"));
        e.put("automationId", rs.getString("automation_id"));
        e.put("eventId", rs.getString("event_id"));
        e.put("runId", rs.getString("run_id"));
        e.put("userId", rs.getString("user_id"));
        e.put("attempts", rs.getInt("attempts"));
        e.put("error", rs.getString("last_error"));
        e.put("createdAt", Sql.instant(rs, "created_at"));
        e.put("sentAt", Sql.instant(rs, "sent_at"));
        return e;
    }

    private static int limit(String limit) {
        return PageLimit.parse(limit);
    }
}
