package com.userautomations.backfill;

import com.userautomations.common.Cursors;
import com.userautomations.common.Sql;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The backfill_jobs table; every query but the worker's claim is scoped by school. */
@ApplicationScoped
class BackfillJobs {
    private static final String COLUMNS = "id, school_id, automation_id, version, dry_run, status, total, processed, "
            + "runs, skipped, error, cursor_user_id, created_at, started_at, finished_at";

    private final Sql sql;

    BackfillJobs(Sql sql) {
        this.sql = sql;
    }

    void insert(BackfillJob j) {
        sql.update("INSERT INTO backfill_jobs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                j.id(), j.schoolId(), j.automationId(), j.version(), j.dryRun(), j.status().wireName(), j.total(),
                j.processed(), j.runs(), j.skipped(), j.error(), j.cursor(), j.createdAt(), j.startedAt(),
                j.finishedAt());
    }

    Optional<BackfillJob> find(String schoolId, String id) {
        return sql.one("SELECT " + COLUMNS + " FROM backfill_jobs WHERE school_id = ? AND id = ?", BackfillJobs::job,
                schoolId, id);
    }

    /** Waits for the worker's page to commit (it holds the row while it works on one). */
    Optional<BackfillJob> lock(String schoolId, String id) {
        return sql.one("SELECT " + COLUMNS + " FROM backfill_jobs WHERE school_id = ? AND id = ? FOR UPDATE",
                BackfillJobs::job, schoolId, id);
    }

    boolean hasLive(String schoolId, String automationId) {
        return sql.one("SELECT 1 FROM backfill_jobs WHERE school_id = ? AND automation_id = ? "
                + "AND status IN ('queued', 'running') LIMIT 1", rs -> 1, schoolId, automationId).isPresent();
    }

    /**
     * The oldest live job no other worker holds, locked for the caller's transaction: SKIP LOCKED
     * lets several processes share the jobs, one page of a job at a time.
     */
    Optional<BackfillJob> claimNext() {
        return sql.one("SELECT " + COLUMNS + " FROM backfill_jobs WHERE status IN ('queued', 'running') "
                + "ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED", BackfillJobs::job);
    }

    /** A school's jobs (of one automation, if given), newest first, after the cursor's position. */
    List<BackfillJob> list(String schoolId, String automationId, Cursors.PageRequest page) {
        List<Object> params = new ArrayList<>(List.of(schoolId));
        StringBuilder where = new StringBuilder("school_id = ?");
        if (automationId != null) {
            where.append(" AND automation_id = ?");
            params.add(automationId);
        }
        where.append(page.newestFirstAfter("created_at", params));
        params.add(page.fetch());
        return sql.query("SELECT " + COLUMNS + " FROM backfill_jobs WHERE " + where + " ORDER BY created_at DESC, id LIMIT ?",
                BackfillJobs::job, params.toArray());
    }

    void started(String id, long total, Instant at) {
        sql.update("UPDATE backfill_jobs SET status = 'running', total = ?, started_at = ? WHERE id = ?", total, at, id);
    }

    /** A page's progress, committed with its runs: the cursor moves past every user it examined. */
    void advanced(String id, String cursor, long processed, long runs, long skipped) {
        sql.update("UPDATE backfill_jobs SET cursor_user_id = ?, processed = processed + ?, runs = runs + ?, "
                + "skipped = skipped + ? WHERE id = ?", cursor, processed, runs, skipped, id);
    }

    void ended(String id, JobStatus status, String error, Instant at) {
        sql.update("UPDATE backfill_jobs SET status = ?, error = ?, finished_at = ? WHERE id = ?", status.wireName(),
                error, at, id);
    }

    private static BackfillJob job(ResultSet rs) throws SQLException {
        long total = rs.getLong("total");
        boolean noTotal = rs.wasNull();
        return new BackfillJob(rs.getString("id"), rs.getString("school_id"), rs.getString("automation_id"),
                rs.getInt("version"), rs.getBoolean("dry_run"), JobStatus.fromWire(rs.getString("status")),
                noTotal ? null : total, rs.getLong("processed"), rs.getLong("runs"), rs.getLong("skipped"),
                rs.getString("error"), rs.getString("cursor_user_id"), Sql.instant(rs, "created_at"),
                Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"));
    }
}
