package com.userautomations.delivery;

import com.userautomations.common.Cursors;
import com.userautomations.common.Page;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Read side of the outbox, for any channel's table (emails, pushes): a school's messages as its
 * list shows them (/emails, /pushes), one message, and how far one action's messages got.
 */
@ApplicationScoped
public class OutboxQueries {
    /**
     * A channel's table as its list reads it. {@code name} is the table (the channel's
     * {@link OutboxChannel#table()}) and also the list's name in its cursors' scope ("emails",
     * "pushes"); it and {@code columns} are constants of the channel's code, never request text.
     */
    public record Table<V>(String name, String columns, Sql.RowMapper<V> row, Function<V, Instant> createdAt,
                           Function<V, String> id) {
        public Table {
            if (!name.matches("[a-z_]+")) {
                throw new IllegalArgumentException("not a table of ours: " + name);
            }
        }
    }

    /** The messages of one action of a run: how many failed, how many are not sent yet, the most attempts. */
    public record ActionProgress(int failed, int unsent, int maxAttempts) {
    }

    private final Sql sql;
    private final Cursors cursors;

    public OutboxQueries(Sql sql, Cursors cursors) {
        this.sql = sql;
        this.cursors = cursors;
    }

    /** 'sending' is internal (the call is under way): to clients the message is still queued. */
    public static String shownStatus(String status) {
        return "sending".equals(status) ? "queued" : status;
    }

    /** A page of the school's messages, newest first (created_at descending, then id), by user or automation. */
    @Transactional
    public <V> Page<V> page(Table<V> table, String schoolId, String userId, String automationId, String limit,
                            String cursor) {
        String scope = Cursors.scope(table.name(), schoolId, userId, automationId);
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
        List<V> rows = sql.query("SELECT " + table.columns() + " FROM " + table.name() + " WHERE " + where
                + " ORDER BY created_at DESC, id LIMIT ?", table.row(), params.toArray());
        return cursors.page(rows, page, scope, v -> List.of(table.createdAt().apply(v).toString(), table.id().apply(v)));
    }

    /**
     * For the user's timeline: a user's messages of one channel as its list shows them, newest
     * first by created_at then id descending, from {@code before}, at most {@code limit}.
     */
    public <V> List<V> ofUser(Table<V> table, String schoolId, String userId, Cursors.Before before, int limit) {
        List<Object> params = new ArrayList<>(List.of(schoolId, userId));
        String where = before.where("created_at", params);
        params.add(limit);
        return sql.query("SELECT " + table.columns() + " FROM " + table.name() + " WHERE school_id = ? AND user_id = ?"
                + where + " ORDER BY created_at DESC, id DESC LIMIT ?", table.row(), params.toArray());
    }

    @Transactional
    public <V> Optional<V> one(Table<V> table, String schoolId, String id) {
        return sql.one("SELECT " + table.columns() + " FROM " + table.name() + " WHERE school_id = ? AND id = ?",
                table.row(), schoolId, id);
    }

    /**
     * In the caller's transaction; one statement, so it sees every message as committed when it
     * starts. For channels whose delivered status is 'sent' (emails, pushes).
     */
    public ActionProgress ofAction(Table<?> table, String runId, int actionIndex) {
        return sql.one("SELECT COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0), "
                        + "COALESCE(SUM(CASE WHEN status <> 'sent' THEN 1 ELSE 0 END), 0), COALESCE(MAX(attempts), 0) "
                        + "FROM " + table.name() + " WHERE run_id = ? AND action_index = ?",
                rs -> new ActionProgress(rs.getInt(1), rs.getInt(2), rs.getInt(3)), runId, actionIndex)
                .orElse(new ActionProgress(0, 0, 0));
    }
}
