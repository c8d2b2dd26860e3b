package com.userautomations.events;

import com.userautomations.common.ApiException;
import com.userautomations.common.Cursors;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.Page;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read side: an event with its answer and runs, a user's events, runs (emails: delivery.EmailQueries). */
@ApplicationScoped
public class EventQueries {
    private final Sql sql;
    private final RunStore runs;
    private final Cursors cursors;

    public EventQueries(Sql sql, RunStore runs, Cursors cursors) {
        this.sql = sql;
        this.runs = runs;
        this.cursors = cursors;
    }

    @Transactional
    public Map<String, Object> event(String schoolId, String eventId) {
        Map<String, Object> event = sql.one("SELECT id, type, user_id, received_at, body, answer FROM events "
                + "WHERE school_id = ? AND id = ?", rs -> {
            Map<String, Object> e = summary(rs);
            e.put("event", JsonBodies.read(rs.getString("body")));
            e.put("answer", answer(rs.getString("answer")));
            return e;
        }, schoolId, eventId).orElseThrow(() -> ApiException.notFound("No such event"));
        event.put("runs", runs.list(new RunStore.RunFilter(schoolId, null, null, eventId), null, null, 0));
        return event;
    }

    /**
     * A user's posted events (internal events of a chain are never stored as events), newest
     * first by receipt, then id; each as the single read gives it without the posted body and
     * the runs with their actions: {@code id, type, userId, receivedAt, answer}.
     */
    @Transactional
    public Page<Map<String, Object>> events(String schoolId, String userId, String limit, String cursor) {
        if (userId == null || userId.isEmpty()) {
            throw ApiException.invalid("userId", "is required: the user whose posted events to list");
        }
        String scope = Cursors.scope("events", schoolId, userId);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        List<Object> params = new ArrayList<>(List.of(schoolId, userId));
        String after = page.newestFirstAfter("received_at", params);
        params.add(page.fetch());
        List<Map<String, Object>> rows = sql.query("SELECT id, type, user_id, received_at, answer FROM events "
                + "WHERE school_id = ? AND user_id = ?" + after + " ORDER BY received_at DESC, id LIMIT ?", rs -> {
            Map<String, Object> e = summary(rs);
            e.put("answer", answer(rs.getString("answer")));
            return e;
        }, params.toArray());
        return cursors.page(rows, page, scope, e -> List.of(e.get("receivedAt").toString(), (String) e.get("id")));
    }

    @Transactional
    public Page<Map<String, Object>> runs(String schoolId, String automationId, String userId, String eventId,
                                          String limit, String cursor) {
        String scope = Cursors.scope("runs", schoolId, automationId, userId, eventId);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        RunStore.RunFilter filter = new RunStore.RunFilter(schoolId, automationId, userId, eventId);
        List<Map<String, Object>> rows = page.first() ? runs.list(filter, null, null, page.fetch())
                : runs.list(filter, page.instant(0), page.after().get(1), page.fetch());
        return cursors.page(rows, page, scope, r -> List.of(r.get("startedAt").toString(), (String) r.get("runId")));
    }

    private static Map<String, Object> summary(java.sql.ResultSet rs) throws java.sql.SQLException {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("id", rs.getString("id"));
        e.put("type", rs.getString("type"));
        e.put("userId", rs.getString("user_id"));
        Instant receivedAt = Sql.instant(rs, "received_at");
        e.put("receivedAt", receivedAt);
        return e;
    }

    private static Object answer(String json) {
        return json == null ? null : JsonBodies.read(json);
    }
}
