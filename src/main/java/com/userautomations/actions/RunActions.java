package com.userautomations.actions;

import com.userautomations.common.Sql;

import java.util.List;

/** Keeps a send_email action's status in step with its emails: done once all are sent. */
final class RunActions {
    private RunActions() {
    }

    static void refreshEmailAction(Sql sql, String runId, int actionIndex) {
        // Lock the action first: workers (or processes) that send this action's other emails
        // take turns here, so the last of them sees every email's final status.
        sql.one("SELECT idx FROM run_actions WHERE run_id = ? AND idx = ? FOR UPDATE", rs -> rs.getInt(1), runId, actionIndex);
        List<String> statuses = sql.query("SELECT status FROM emails WHERE run_id = ? AND action_index = ?",
                rs -> rs.getString(1), runId, actionIndex);
        int attempts = sql.one("SELECT COALESCE(MAX(attempts), 0) FROM emails WHERE run_id = ? AND action_index = ?",
                rs -> rs.getInt(1), runId, actionIndex).orElse(0);
        String status = statuses.contains("failed") ? "failed"
                : statuses.stream().allMatch("sent"::equals) ? "done" : "pending";
        String error = "failed".equals(status) ? "an email could not be delivered; see /emails" : null;
        sql.update("UPDATE run_actions SET status = ?, attempts = ?, error = ? WHERE run_id = ? AND idx = ?",
                status, attempts, error, runId, actionIndex);
    }
}
