-- Everything is keyed by school first. JSON documents are TEXT so that the same migration
-- runs on PostgreSQL and on the embedded H2 (PostgreSQL mode).
CREATE TABLE schools (
    id            VARCHAR(128) PRIMARY KEY,
    name          VARCHAR(500) NOT NULL,
    timezone      VARCHAR(100),
    admin_emails  TEXT NOT NULL,
    from_email    VARCHAR(320),
    rules_version BIGINT NOT NULL DEFAULT 0,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE api_keys (
    id         VARCHAR(64) PRIMARY KEY,
    school_id  VARCHAR(128) NOT NULL REFERENCES schools (id),
    key_hash   VARCHAR(128) NOT NULL UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE courses (
    school_id  VARCHAR(128) NOT NULL REFERENCES schools (id),
    id         VARCHAR(128) NOT NULL,
    title      VARCHAR(1000) NOT NULL,
    paid       BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (school_id, id)
);

CREATE TABLE spaces (
    school_id  VARCHAR(128) NOT NULL REFERENCES schools (id),
    id         VARCHAR(128) NOT NULL,
    name       VARCHAR(1000) NOT NULL,
    private    BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (school_id, id)
);

CREATE TABLE users (
    school_id     VARCHAR(128) NOT NULL REFERENCES schools (id),
    id            VARCHAR(128) NOT NULL,
    email         VARCHAR(320),
    email_lower   VARCHAR(320),
    first_name    VARCHAR(500),
    last_name     VARCHAR(500),
    role          VARCHAR(20) NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE,
    source        VARCHAR(500),
    timezone      VARCHAR(100),
    fields        TEXT NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (school_id, id)
);
CREATE INDEX users_by_email ON users (school_id, email_lower);

CREATE TABLE user_tags (
    school_id VARCHAR(128) NOT NULL,
    user_id   VARCHAR(128) NOT NULL,
    tag       VARCHAR(400) NOT NULL,
    added_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (school_id, user_id, tag),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id)
);
CREATE INDEX user_tags_by_tag ON user_tags (school_id, tag, user_id);

CREATE TABLE enrollments (
    school_id    VARCHAR(128) NOT NULL,
    user_id      VARCHAR(128) NOT NULL,
    course_id    VARCHAR(128) NOT NULL,
    status       VARCHAR(20) NOT NULL,
    enrolled_at  TIMESTAMP WITH TIME ZONE,
    completed_at TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (school_id, user_id, course_id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id)
);

CREATE TABLE space_members (
    school_id VARCHAR(128) NOT NULL,
    user_id   VARCHAR(128) NOT NULL,
    space_id  VARCHAR(128) NOT NULL,
    added_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (school_id, user_id, space_id),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id)
);

CREATE TABLE automations (
    school_id    VARCHAR(128) NOT NULL REFERENCES schools (id),
    id           VARCHAR(128) NOT NULL,
    name         VARCHAR(500) NOT NULL,
    status       VARCHAR(20) NOT NULL,
    version      INTEGER NOT NULL,
    definition   TEXT NOT NULL,
    activated_at TIMESTAMP WITH TIME ZONE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    deleted      BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (school_id, id)
);

CREATE TABLE automation_versions (
    school_id     VARCHAR(128) NOT NULL,
    automation_id VARCHAR(128) NOT NULL,
    version       INTEGER NOT NULL,
    definition    TEXT NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (school_id, automation_id, version)
);

CREATE TABLE events (
    school_id   VARCHAR(128) NOT NULL REFERENCES schools (id),
    id          VARCHAR(128) NOT NULL,
    body_hash   VARCHAR(64) NOT NULL,
    body        TEXT NOT NULL,
    type        VARCHAR(40) NOT NULL,
    user_id     VARCHAR(128),
    received_at TIMESTAMP WITH TIME ZONE NOT NULL,
    answer      TEXT,
    PRIMARY KEY (school_id, id)
);

CREATE TABLE runs (
    id            VARCHAR(64) PRIMARY KEY,
    school_id     VARCHAR(128) NOT NULL,
    automation_id VARCHAR(128) NOT NULL,
    version       INTEGER NOT NULL,
    user_id       VARCHAR(128) NOT NULL,
    event_id      VARCHAR(128) NOT NULL,
    root_event_id VARCHAR(128) NOT NULL,
    depth         INTEGER NOT NULL,
    status        VARCHAR(20) NOT NULL,
    next_action   INTEGER NOT NULL DEFAULT 0,
    resume_at     TIMESTAMP WITH TIME ZONE,
    error         TEXT,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX runs_by_automation_user ON runs (school_id, automation_id, user_id);
CREATE INDEX runs_by_user ON runs (school_id, user_id);
CREATE INDEX runs_by_event ON runs (school_id, root_event_id);
CREATE INDEX runs_due ON runs (status, resume_at);

CREATE TABLE run_actions (
    run_id    VARCHAR(64) NOT NULL REFERENCES runs (id),
    idx       INTEGER NOT NULL,
    school_id VARCHAR(128) NOT NULL,
    type      VARCHAR(40) NOT NULL,
    status    VARCHAR(20) NOT NULL,
    attempts  INTEGER NOT NULL DEFAULT 0,
    error     TEXT,
    PRIMARY KEY (run_id, idx)
);

-- The outbox for emails: one row per recipient, unique per (run, action, recipient) so an
-- action can never queue the same email twice.
CREATE TABLE emails (
    id              VARCHAR(64) PRIMARY KEY,
    school_id       VARCHAR(128) NOT NULL,
    run_id          VARCHAR(64) NOT NULL,
    action_index    INTEGER NOT NULL,
    recipient_index INTEGER NOT NULL,
    user_id         VARCHAR(128),
    automation_id   VARCHAR(128) NOT NULL,
    event_id        VARCHAR(128) NOT NULL,
    to_address      VARCHAR(320) NOT NULL,
    from_address    VARCHAR(320),
    subject         VARCHAR(2000) NOT NULL,
    body            TEXT NOT NULL,
    status          VARCHAR(20) NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error      TEXT,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    sent_at         TIMESTAMP WITH TIME ZONE,
    UNIQUE (run_id, action_index, recipient_index)
);
CREATE INDEX emails_due ON emails (status, next_attempt_at);
CREATE INDEX emails_by_school ON emails (school_id, created_at);
