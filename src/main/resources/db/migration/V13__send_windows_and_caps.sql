-- Issue 13, send windows and frequency caps. A school's window and cap are JSON documents
-- ({"start", "end", "days"}, {"max", "per"}), NULL when off.
ALTER TABLE schools ADD COLUMN send_window TEXT;
ALTER TABLE schools ADD COLUMN frequency_cap TEXT;

-- When a message created outside the window may go (NULL: at once). The outbox claims by
-- next_attempt_at, which starts there; this column keeps the moment for the views, as
-- retries move next_attempt_at on.
ALTER TABLE emails ADD COLUMN not_before TIMESTAMP WITH TIME ZONE;
ALTER TABLE pushes ADD COLUMN not_before TIMESTAMP WITH TIME ZONE;

-- The messages a frequency cap counts (package delivery): one row per email to the run's user
-- or send_push, not transactional, not skipped. Messages created before this table existed are
-- not counted.
CREATE TABLE capped_messages (
    school_id    VARCHAR(128) NOT NULL,
    user_id      VARCHAR(128) NOT NULL,
    run_id       VARCHAR(64) NOT NULL,
    action_index INTEGER NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX capped_messages_by_user ON capped_messages (school_id, user_id, created_at);
