package com.userautomations.actions;

import com.userautomations.common.Sql;

/** Keeps a send_email action's status in step with its emails: done once all are sent. */
final class RunActions {
    private static final String FAILED = "an email could not be delivered; see /emails";

    private RunActions() {
    }

    static void refreshEmailAction(Sql sql, String runId, int actionIndex) {
        // Lock the action first: workers (or processes) that send this action's other emails
        // take turns here, so the last of them sees every email's final status.
        sql.one("SELECT idx FROM run_actions WHERE run_id = ? AND idx = ? FOR UPDATE", rs -> rs.getInt(1), runId, actionIndex);
        // then one statement, which (read committed) sees every email as committed by now
        sql.update("UPDATE run_actions SET "
                + "status = CASE WHEN EXISTS (SELECT 1 FROM emails e WHERE e.run_id = ? AND e.action_index = ? "
                + "AND e.status = 'failed') THEN 'failed' WHEN EXISTS (SELECT 1 FROM emails e WHERE e.run_id = ? "
                + "AND e.action_index = ? AND e.status <> 'sent') THEN 'pending' ELSE 'done' END, "
                + "attempts = (SELECT COALESCE(MAX(e.attempts), 0) FROM emails e WHERE e.run_id = ? AND e.action_index = ?), "
                + "error = CASE WHEN EXISTS (SELECT 1 FROM emails e WHERE e.run_id = ? AND e.action_index = ? "
                + "AND e.status = 'failed') THEN ? ELSE NULL END "
                + "WHERE run_id = ? AND idx = ?", runId, actionIndex, runId, actionIndex, runId, actionIndex, runId,
                actionIndex, FAILED, runId, actionIndex);
    }
}
