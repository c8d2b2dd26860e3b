-- The key that signs paging cursors (directory.SignedCursorKey): one row, made on first use,
-- shared by every process on this database.
CREATE TABLE cursor_secret (
    id     INTEGER PRIMARY KEY,
    secret VARCHAR(64) NOT NULL
);

-- Keyset pages of the newest-first lists: a school's runs and a user's posted events.
CREATE INDEX runs_by_school_started ON runs (school_id, started_at);
CREATE INDEX events_by_user ON events (school_id, user_id, received_at);
