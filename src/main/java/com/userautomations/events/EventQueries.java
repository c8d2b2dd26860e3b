package com.userautomations.events;

import com.userautomations.common.ApiException;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.PageLimit;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read side: an event with its answer and runs, runs (emails: delivery.EmailQueries). */
@ApplicationScoped
public class EventQueries {
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

    private static int limit(String limit) {
        return PageLimit.parse(limit);
    }
}
