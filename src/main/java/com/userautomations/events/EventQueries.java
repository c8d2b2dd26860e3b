package com.userautomations.events;

import com.userautomations.common.ApiException;
import com.userautomations.common.Cursors;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.Page;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;

/** Read side: an event with its answer and runs, a user's events, runs (emails: delivery.OutboxQueries). */
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
    public EventView event(String schoolId, String eventId) {
        EventView event = sql.one("SELECT id, type, user_id, received_at, body, answer FROM events "
                + "WHERE school_id = ? AND id = ?", rs -> new EventView(rs.getString("id"), rs.getString("type"),
                rs.getString("user_id"), Sql.instant(rs, "received_at"), JsonBodies.read(rs.getString("body")),
                answer(rs.getString("answer")), null), schoolId, eventId)
                .orElseThrow(() -> ApiException.notFound("No such event"));
        return event.withRuns(runs.list(new RunStore.RunFilter(schoolId, null, null, eventId), null, null, 0));
    }

    /**
     * A user's posted events (internal events of a chain are never stored as events), newest
     * first by receipt, then id; each as the single read gives it without the posted body and
     * the runs with their actions: {@code id, type, userId, receivedAt, answer}.
     */
    @Transactional
    public Page<UserEventView> events(String schoolId, String userId, String limit, String cursor) {
        if (userId == null || userId.isEmpty()) {
            throw ApiException.invalid("userId", "is required: the user whose posted events to list");
        }
        String scope = Cursors.scope("events", schoolId, userId);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        List<Object> params = new ArrayList<>(List.of(schoolId, userId));
        String after = page.newestFirstAfter("received_at", params);
        params.add(page.fetch());
        List<UserEventView> rows = sql.query("SELECT id, type, user_id, received_at, answer FROM events "
                + "WHERE school_id = ? AND user_id = ?" + after + " ORDER BY received_at DESC, id LIMIT ?",
                EventQueries::userEvent, params.toArray());
        return cursors.page(rows, page, scope, e -> List.of(e.receivedAt().toString(), e.id()));
    }

    /**
     * For the user's timeline: their posted events as {@link #events} lists them, newest first by
     * receipt then id descending, from {@code before}, at most {@code limit}.
     */
    public List<UserEventView> eventsOfUser(String schoolId, String userId, Cursors.Before before, int limit) {
        List<Object> params = new ArrayList<>(List.of(schoolId, userId));
        String where = before.where("received_at", params);
        params.add(limit);
        return sql.query("SELECT id, type, user_id, received_at, answer FROM events WHERE school_id = ? AND user_id = ?"
                + where + " ORDER BY received_at DESC, id DESC LIMIT ?", EventQueries::userEvent, params.toArray());
    }

    /** For the user's timeline: their runs as {@code /runs} lists them, started_at then id descending. */
    public List<RunView> runsOfUser(String schoolId, String userId, Cursors.Before before, int limit) {
        return runs.ofUser(schoolId, userId, before, limit);
    }

    private static UserEventView userEvent(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new UserEventView(rs.getString("id"), rs.getString("type"), rs.getString("user_id"),
                Sql.instant(rs, "received_at"), answer(rs.getString("answer")));
    }

    @Transactional
    public Page<RunView> runs(String schoolId, String automationId, String userId, String eventId,
                              String limit, String cursor) {
        String scope = Cursors.scope("runs", schoolId, automationId, userId, eventId);
        Cursors.PageRequest page = cursors.request(limit, cursor, scope);
        RunStore.RunFilter filter = new RunStore.RunFilter(schoolId, automationId, userId, eventId);
        List<RunView> rows = page.first() ? runs.list(filter, null, null, page.fetch())
                : runs.list(filter, page.instant(0), page.after().get(1), page.fetch());
        return cursors.page(rows, page, scope, r -> List.of(r.startedAt().toString(), r.runId()));
    }

    private static EventAnswer answer(String json) {
        return json == null ? null : EventAnswer.read(json);
    }
}
