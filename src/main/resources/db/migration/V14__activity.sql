-- user.visited: the last visit to the school, and to a course on its enrollment (the later of
-- the stored one and the event's occurredAt).
ALTER TABLE users ADD COLUMN last_visited_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE enrollments ADD COLUMN last_visited_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX users_by_last_visit ON users (school_id, last_visited_at);

-- user.inactive: one row per (automation, user) that visited since the automation became active.
-- stretch counts the user's qualifying visits (each starts a stretch); due_at is when the current
-- stretch's run falls due, NULL once it started or passed during a pause; fired_stretch is the
-- stretch whose run started. The CHECKs make "one run per stretch" a constraint: a row whose
-- stretch has fired cannot be due again until a new visit moves stretch on.
CREATE TABLE inactivity_watches (
    school_id     VARCHAR(128) NOT NULL,
    automation_id VARCHAR(128) NOT NULL,
    user_id       VARCHAR(128) NOT NULL,
    last_visit_at TIMESTAMP WITH TIME ZONE NOT NULL,
    stretch       BIGINT NOT NULL,
    due_at        TIMESTAMP WITH TIME ZONE,
    fired_stretch BIGINT,
    PRIMARY KEY (school_id, automation_id, user_id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id),
    CHECK (fired_stretch IS NULL OR fired_stretch <= stretch),
    CHECK (due_at IS NULL OR fired_stretch IS NULL OR fired_stretch < stretch)
);
-- the scan reads only rows that are due: its cost follows the users crossing the threshold
CREATE INDEX inactivity_watches_due ON inactivity_watches (due_at);

-- runs the inactivity scan starts have no event: eventId null, trigger "user.inactive"
ALTER TABLE runs ALTER COLUMN event_id DROP NOT NULL;
ALTER TABLE runs ALTER COLUMN root_event_id DROP NOT NULL;
ALTER TABLE runs ADD COLUMN trigger_type VARCHAR(40);
ALTER TABLE emails ALTER COLUMN event_id DROP NOT NULL;
