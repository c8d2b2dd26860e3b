package com.userautomations.events;

import com.userautomations.actions.ActionOutcome;
import com.userautomations.automation.StepTree;
import com.userautomations.automation.AutomationStore;
import com.userautomations.common.BodyReader;
import com.userautomations.common.Cursors;
import com.userautomations.common.JsonBodies;
import com.userautomations.common.Sql;
import com.userautomations.delivery.OutboxQueries;
import jakarta.enterprise.context.ApplicationScoped;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/** Runs and the status of each of their actions. */
@ApplicationScoped
public class RunStore {
    /** Due runs read at a time while looking for those of active automations. */
    private static final int DUE_PAGE = 100;

    private final Sql sql;
    private final AutomationStore automations;

    public RunStore(Sql sql, AutomationStore automations) {
        this.sql = sql;
        this.automations = automations;
    }

    /**
     * {@code trigger}: "user.inactive" for the inactivity scan's runs (no event), else null;
     * {@code jobId}: the backfill job that started it (no event), else null.
     */
    public record NewRun(String id, String schoolId, String automationId, int version, String userId, String eventId,
                         int depth, Instant startedAt, String courseId, Map<String, String> eventFields,
                         Instant eventOccurredAt, String trigger, String jobId) {
    }

    /**
     * A waiting run, claimed for resumption. {@code position} is the path of its next step (a run
     * that waited before flows had steps has none: its next step is {@code actions[nextAction]});
     * {@code resumeAt} when its wait, or its wait_for's timeout, ends.
     */
    public record WaitingRun(String id, String schoolId, String automationId, int version, String userId,
                             String eventId, int depth, int nextAction, String courseId, Map<String, String> eventFields,
                             Instant eventOccurredAt, String position, Instant resumeAt, String jobId, String trigger) {
        public StepTree.Position at() {
            StepTree.Position p = position == null ? null : StepTree.Position.parse(position);
            return p != null ? p : new StepTree.Position(List.of(StepTree.TOP), List.of(nextAction));
        }

        /** The event that started the run as its later steps see it: its type is not kept, its course and fields are. */
        public Happening started() {
            return Happening.startedRun(courseId, eventFields);
        }
    }

    /** A run as it stands when its event's actions have been carried out, to be written. */
    public record Finished(NewRun run, String status, List<ActionOutcome> outcomes, int nextAction, String position,
                           Instant resumeAt, String error, Instant finishedAt) {
    }

    /** Writes runs and then their actions, one JDBC batch each (run_actions refer to runs). */
    public void insertAll(List<Finished> finished) {
        List<Object[]> runRows = new ArrayList<>();
        List<Object[]> actionRows = new ArrayList<>();
        for (Finished f : finished) {
            NewRun r = f.run();
            runRows.add(new Object[]{r.id(), r.schoolId(), r.automationId(), r.version(), r.userId(), r.eventId(),
                    r.eventId(), r.depth(), f.status(), f.nextAction(), f.position(), f.resumeAt(), f.error(),
                    r.startedAt(), f.finishedAt(), r.courseId(),
                    r.eventFields() == null || r.eventFields().isEmpty() ? null : JsonBodies.write(r.eventFields()),
                    r.eventOccurredAt(), r.trigger(), r.jobId()});
            for (ActionOutcome o : f.outcomes()) {
                actionRows.add(actionRow(r.id(), r.schoolId(), o));
            }
        }
        sql.batch("INSERT INTO runs (id, school_id, automation_id, version, user_id, event_id, root_event_id, depth, "
                + "status, next_action, next_step, resume_at, error, started_at, finished_at, course_id, event_fields, "
                + "event_occurred_at, trigger_type, job_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                runRows);
        insertActions(actionRows);
    }

    private static Object[] actionRow(String runId, String schoolId, ActionOutcome o) {
        return new Object[]{runId, o.index(), schoolId, o.type(), o.status(), o.error(), o.step(), o.position(),
                o.branch(), o.outcome(), o.eventId()};
    }

    private void insertActions(List<Object[]> rows) {
        sql.batch("INSERT INTO run_actions (run_id, idx, school_id, type, status, error, step, list_index, branch, "
                + "outcome, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private record Due(String id, AutomationStore.Key automation, Instant resumeAt) {
    }

    /**
     * Ids of waiting runs that are due and whose automation is active (paused ones hold), oldest
     * first. The automations' owner says which are active: due runs are read in pages and those
     * of paused or deleted automations skipped, so they never hide the active ones behind them.
     */
    public List<String> dueIds(Instant now, int limit) {
        List<String> ids = new ArrayList<>();
        Due last = null;
        while (ids.size() < limit) {
            List<Due> page = last == null
                    ? sql.query("SELECT id, school_id, automation_id, resume_at FROM runs WHERE status = 'waiting' "
                            + "AND resume_at <= ? ORDER BY resume_at, id LIMIT ?", RunStore::due, now, DUE_PAGE)
                    : sql.query("SELECT id, school_id, automation_id, resume_at FROM runs WHERE status = 'waiting' "
                            + "AND resume_at <= ? AND (resume_at > ? OR (resume_at = ? AND id > ?)) ORDER BY resume_at, id "
                            + "LIMIT ?", RunStore::due, now, last.resumeAt(), last.resumeAt(), last.id(), DUE_PAGE);
            Set<AutomationStore.Key> active = automations.activeAmong(page.stream().map(Due::automation).toList());
            for (Due d : page) {
                if (ids.size() < limit && active.contains(d.automation())) {
                    ids.add(d.id());
                }
            }
            if (page.size() < DUE_PAGE) {
                break;
            }
            last = page.get(page.size() - 1);
        }
        return ids;
    }

    private static Due due(ResultSet rs) throws SQLException {
        return new Due(rs.getString(1), new AutomationStore.Key(rs.getString(2), rs.getString(3)),
                Sql.instant(rs, "resume_at"));
    }

    /**
     * Claims one waiting run: SKIP LOCKED lets several workers (or processes) share the
     * backlog, and the status check makes a run resumed by another worker invisible here.
     */
    public Optional<WaitingRun> claim(String runId) {
        return sql.one("SELECT " + WAITING_COLUMNS + " FROM runs WHERE id = ? AND status = 'waiting' "
                + "FOR UPDATE SKIP LOCKED", RunStore::waiting, runId);
    }

    private static final String WAITING_COLUMNS = "id, school_id, automation_id, version, user_id, event_id, depth, "
            + "next_action, course_id, event_fields, event_occurred_at, next_step, resume_at, job_id, trigger_type";

    private static WaitingRun waiting(ResultSet rs) throws SQLException {
        String fields = rs.getString("event_fields");
        return new WaitingRun(rs.getString("id"), rs.getString("school_id"), rs.getString("automation_id"),
                rs.getInt("version"), rs.getString("user_id"), rs.getString("event_id"), rs.getInt("depth"),
                rs.getInt("next_action"), rs.getString("course_id"),
                fields == null ? Map.of() : BodyReader.asStrings(JsonBodies.read(fields)),
                Sql.instant(rs, "event_occurred_at"), rs.getString("next_step"), Sql.instant(rs, "resume_at"),
                rs.getString("job_id"), rs.getString("trigger_type"));
    }

    /**
     * The versions each automation of the school has waiting runs on (index-only on
     * runs_waiting_versions): their wait_for steps and exit goals stay live until the runs end.
     */
    public Map<String, Set<Integer>> waitingVersions(String schoolId) {
        Map<String, Set<Integer>> out = new HashMap<>();
        sql.query("SELECT DISTINCT automation_id, version FROM runs WHERE school_id = ? AND status = 'waiting'", rs -> {
            out.computeIfAbsent(rs.getString(1), k -> new java.util.TreeSet<>()).add(rs.getInt(2));
            return null;
        }, schoolId);
        return out;
    }

    /** How many runs of the automation wait, whatever their version (index-only on runs_waiting_versions). */
    public long countWaiting(String schoolId, String automationId) {
        return sql.one("SELECT COUNT(*) FROM runs WHERE school_id = ? AND status = 'waiting' AND automation_id = ?",
                rs -> rs.getLong(1), schoolId, automationId).orElse(0L);
    }

    /** The versions one automation has waiting runs on. */
    public Set<Integer> waitingVersions(String schoolId, String automationId) {
        return new java.util.TreeSet<>(sql.query("SELECT DISTINCT version FROM runs WHERE school_id = ? AND status = 'waiting' "
                + "AND automation_id = ?", rs -> rs.getInt(1), schoolId, automationId));
    }

    /**
     * The user's runs waiting at the wait_for {@code step} of an automation version, oldest
     * first, not locked (claim one to resume it). The user's runs are few: this reads the
     * user's waiting runs by index, whatever other users wait for.
     */
    public List<WaitingRun> waitingAt(String schoolId, String userId, String automationId, int version, String step) {
        return sql.query("SELECT " + WAITING_COLUMNS + " FROM runs WHERE school_id = ? AND user_id = ? "
                        + "AND status = 'waiting' AND automation_id = ? AND version = ? AND next_step = ? "
                        + "ORDER BY started_at, id", RunStore::waiting, schoolId, userId, automationId, version, step);
    }

    /** A user's waiting runs, oldest first, not locked (claim one to change it). */
    public List<WaitingRun> waitingOf(String schoolId, String userId) {
        return sql.query("SELECT " + WAITING_COLUMNS + " FROM runs WHERE school_id = ? AND user_id = ? "
                + "AND status = 'waiting' ORDER BY started_at, id", RunStore::waiting, schoolId, userId);
    }

    /**
     * Records how a resumed run went: its new status and the steps it has now reached. The rows
     * of those steps, and of the pending ones it never reached (it ended first), are replaced:
     * they were placeholders, which no message refers to.
     */
    public void resumed(String schoolId, String runId, String status, List<ActionOutcome> outcomes,
                        List<Integer> unreached, int nextAction, String position, Instant resumeAt, String error,
                        Instant finishedAt) {
        sql.update("UPDATE runs SET status = ?, next_action = ?, next_step = ?, resume_at = ?, error = COALESCE(?, error), "
                + "finished_at = ? WHERE id = ?", status, nextAction, position, resumeAt, error, finishedAt, runId);
        List<Object[]> gone = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        for (ActionOutcome o : outcomes) {
            gone.add(new Object[]{runId, o.index()});
            rows.add(actionRow(runId, schoolId, o));
        }
        unreached.forEach(i -> gone.add(new Object[]{runId, i}));
        sql.batch("DELETE FROM run_actions WHERE run_id = ? AND idx = ?", gone);
        insertActions(rows);
    }

    /**
     * Keeps an action that follows its outbox messages (send_email, send_push) in step with them:
     * done once all are sent, failed with {@code failedError} once one failed. The action's row is
     * locked first: workers (or processes) sending its other messages take turns here, so the last
     * of them reads every message's final status (read committed).
     */
    public void refreshMessageAction(String runId, int actionIndex, String failedError,
                                     Supplier<OutboxQueries.ActionProgress> messages) {
        sql.one("SELECT idx FROM run_actions WHERE run_id = ? AND idx = ? FOR UPDATE", rs -> rs.getInt(1), runId, actionIndex);
        OutboxQueries.ActionProgress m = messages.get();
        String status = m.failed() > 0 ? "failed" : m.unsent() > 0 ? "pending" : "done";
        sql.update("UPDATE run_actions SET status = ?, attempts = ?, error = ? WHERE run_id = ? AND idx = ?",
                status, m.maxAttempts(), m.failed() > 0 ? failedError : null, runId, actionIndex);
    }

    /** What every webhook delivery about a run names: its automation, version, user and root event. */
    public record RunContext(String id, String schoolId, String automationId, int version, String userId,
                             String rootEventId, Instant eventOccurredAt, String jobId, String trigger) {
    }

    public Optional<RunContext> context(String runId) {
        return sql.one("SELECT id, school_id, automation_id, version, user_id, root_event_id, event_occurred_at, job_id, "
                + "trigger_type FROM runs WHERE id = ?", rs -> new RunContext(rs.getString(1), rs.getString(2),
                rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6), Sql.instant(rs, "event_occurred_at"),
                rs.getString("job_id"), rs.getString("trigger_type")), runId);
    }

    /**
     * A waiting run whose exitWhen now holds ends {@code exited}; the rows of the steps it listed
     * as pending go, since it never reaches them; the wait_for it waited at ({@code waitFor},
     * or null) is {@code skipped}.
     */
    public void exited(String runId, List<Integer> pending, Integer waitFor, Instant now) {
        sql.update("UPDATE runs SET status = 'exited', resume_at = NULL, finished_at = ? WHERE id = ?", now, runId);
        if (waitFor != null) {
            sql.update("UPDATE run_actions SET status = 'skipped', error = ? WHERE run_id = ? AND idx = ?",
                    WaitingExits.WAIT_FOR_EXITED, runId, waitFor);
        }
        sql.batch("DELETE FROM run_actions WHERE run_id = ? AND idx = ?",
                pending.stream().map(i -> new Object[]{runId, i}).toList());
    }

    /** A deleted automation's waiting runs will never resume. */
    public void skipWaiting(String schoolId, String automationId, String why) {
        skipWaiting(schoolId, automationId, Integer.MAX_VALUE, why);
    }

    /** The waiting runs of an automation's versions before {@code beforeVersion} will never resume. */
    public void skipWaiting(String schoolId, String automationId, int beforeVersion, String why) {
        Instant now = Instant.now();
        sql.update("UPDATE run_actions SET status = 'skipped' WHERE status = 'pending' AND run_id IN "
                + "(SELECT id FROM runs WHERE school_id = ? AND automation_id = ? AND status = 'waiting' AND version < ?)",
                schoolId, automationId, beforeVersion);
        sql.update("UPDATE runs SET status = 'skipped', error = ?, finished_at = ?, resume_at = NULL "
                + "WHERE school_id = ? AND automation_id = ? AND status = 'waiting' AND version < ?", why, now, schoolId,
                automationId, beforeVersion);
    }

    /**
     * The step path of a run's step by its number, for what is told about it later (an email's
     * outcome); a run from before flows had steps names it by its index.
     */
    public String stepOf(String runId, int number) {
        return sql.one("SELECT step FROM run_actions WHERE run_id = ? AND idx = ?",
                        rs -> Objects.requireNonNullElse(rs.getString(1), ""), runId, number)
                .filter(step -> !step.isEmpty()).orElse(StepTree.TOP + "[" + number + "]");
    }

    public boolean hasRun(String schoolId, String automationId, String userId) {
        return sql.one("SELECT 1 FROM runs WHERE school_id = ? AND automation_id = ? AND user_id = ? AND status <> 'skipped' "
                + "LIMIT 1", rs -> 1, schoolId, automationId, userId).isPresent();
    }

    /** Which runs a list shows: a school's, by any of automation, user and root event. */
    public record RunFilter(String schoolId, String automationId, String userId, String eventId) {
    }

    /**
     * Runs of a school, newest first (started_at descending, then id), after the keyset position
     * {@code afterStartedAt}/{@code afterId} when given, at most {@code limit} (0: all): two
     * statements whatever the page's size, the runs and then all their actions.
     */
    public List<RunView> list(RunFilter f, Instant afterStartedAt, String afterId, int limit) {
        StringBuilder where = new StringBuilder("school_id = ?");
        List<Object> params = new ArrayList<>(List.of(f.schoolId()));
        if (f.automationId() != null) {
            where.append(" AND automation_id = ?");
            params.add(f.automationId());
        }
        if (f.userId() != null) {
            where.append(" AND user_id = ?");
            params.add(f.userId());
        }
        if (f.eventId() != null) {
            where.append(" AND root_event_id = ?");
            params.add(f.eventId());
        }
        where.append(Cursors.newestFirstAfter("started_at", afterStartedAt, afterId, params));
        String limitClause = "";
        if (limit > 0) {
            limitClause = " LIMIT ?";
            params.add(limit);
        }
        List<RunView> runs = sql.query("SELECT id, automation_id, version, user_id, event_id, depth, status, "
                        + "error, started_at, finished_at, trigger_type, job_id FROM runs WHERE " + where
                        + " ORDER BY started_at DESC, id" + limitClause, RunStore::run, params.toArray());
        Map<String, List<RunActionView>> actions = actions(f.schoolId(), runs.stream().map(RunView::runId).toList());
        List<RunView> out = new ArrayList<>(runs.size());
        for (RunView run : runs) {
            out.add(run.withActions(actions.getOrDefault(run.runId(), List.of())));
        }
        return out;
    }

    /**
     * A user's runs, newest first by started_at then id <em>descending</em> (the timeline's order),
     * from {@code before}, at most {@code limit}, with their actions: two statements, as {@link #list}.
     */
    public List<RunView> ofUser(String schoolId, String userId, Cursors.Before before, int limit) {
        List<Object> params = new ArrayList<>(List.of(schoolId, userId));
        String where = before.where("started_at", params);
        params.add(limit);
        List<RunView> runs = sql.query("SELECT id, automation_id, version, user_id, event_id, depth, status, "
                + "error, started_at, finished_at, trigger_type, job_id FROM runs WHERE school_id = ? AND user_id = ?" + where
                + " ORDER BY started_at DESC, id DESC LIMIT ?", RunStore::run, params.toArray());
        Map<String, List<RunActionView>> actions = actions(schoolId, runs.stream().map(RunView::runId).toList());
        return runs.stream().map(r -> r.withActions(actions.getOrDefault(r.runId(), List.of()))).toList();
    }

    /** The actions of these runs, each run's in index order, in one statement. */
    private Map<String, List<RunActionView>> actions(String schoolId, List<String> runIds) {
        Map<String, List<RunActionView>> out = new HashMap<>();
        if (runIds.isEmpty()) {
            return out;
        }
        String in = String.join(",", Collections.nCopies(runIds.size(), "?"));
        List<Object> params = new ArrayList<>(runIds.size() + 1);
        params.add(schoolId);
        params.addAll(runIds);
        sql.query("SELECT run_id, idx, type, status, attempts, error, step, list_index, branch, outcome, event_id "
                + "FROM run_actions "
                + "WHERE school_id = ? AND run_id IN (" + in + ") ORDER BY run_id, idx", rs -> {
            int idx = rs.getInt(2);
            String step = rs.getString(7);
            // a plain list's rows (and those from before flows) have no path: their index is idx
            int position = step == null ? idx : rs.getInt(8);
            out.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new RunActionView(position,
                    rs.getString(3), rs.getString(4), rs.getInt(5), rs.getString(6),
                    step, rs.getString(9), rs.getString(10), rs.getString(11)));
            return null;
        }, params.toArray());
        return out;
    }

    /** A run without its actions yet (see list). */
    private static RunView run(ResultSet rs) throws SQLException {
        return new RunView(rs.getString("id"), rs.getString("automation_id"), rs.getInt("version"),
                rs.getString("user_id"), rs.getString("event_id"), rs.getInt("depth"), rs.getString("status"),
                rs.getString("error"), Sql.instant(rs, "started_at"), Sql.instant(rs, "finished_at"),
                rs.getString("trigger_type"), rs.getString("job_id"), null);
    }
}
