-- Backfills (API.md 1.1, "Explanations, tests, previews, backfills, versions"): a job runs an
-- automation for every user meeting its conditions. Its cursor (the last user id examined, in
-- id order) is committed with the runs of the page it ends, so a restarted process goes on
-- after it and no user of a job runs twice.
CREATE TABLE backfill_jobs (
    id             VARCHAR(64) PRIMARY KEY,
    school_id      VARCHAR(128) NOT NULL,
    automation_id  VARCHAR(128) NOT NULL,
    version        INTEGER NOT NULL,
    dry_run        BOOLEAN NOT NULL,
    status         VARCHAR(16) NOT NULL,
    total          BIGINT,
    processed      BIGINT NOT NULL,
    runs           BIGINT NOT NULL,
    skipped        BIGINT NOT NULL,
    error          VARCHAR(2000),
    cursor_user_id VARCHAR(128),
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE,
    finished_at    TIMESTAMP WITH TIME ZONE
);
-- GET .../jobs?automationId=, newest first
CREATE INDEX backfill_jobs_by_automation ON backfill_jobs (school_id, automation_id, created_at, id);
-- the worker's claim: queued and running jobs, oldest first
CREATE INDEX backfill_jobs_live ON backfill_jobs (status, created_at);
-- a backfill's runs name their job (eventId null)
ALTER TABLE runs ADD COLUMN job_id VARCHAR(64);
