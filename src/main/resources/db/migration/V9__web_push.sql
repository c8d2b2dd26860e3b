-- Web push (package push). One VAPID key pair for the whole service: the row with id 1, made
-- by the first process that starts without configured keys (INSERT ... ON CONFLICT DO NOTHING,
-- then read back, so processes starting together agree on one pair). Base64url, unpadded.
CREATE TABLE vapid_keys (
    id          INTEGER PRIMARY KEY,
    public_key  VARCHAR(100) NOT NULL,
    private_key VARCHAR(100) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- A browser's subscription (PushSubscription.toJSON()) for one user. An endpoint names one
-- browser's channel, so it is unique in a school: saved under a new id, or for another user
-- (someone else signed in on that browser), it replaces the row that held it.
CREATE TABLE push_subscriptions (
    school_id       VARCHAR(128) NOT NULL,
    user_id         VARCHAR(128) NOT NULL,
    id              VARCHAR(128) NOT NULL,
    endpoint        VARCHAR(2048) NOT NULL,
    p256dh          VARCHAR(100) NOT NULL,
    auth            VARCHAR(40) NOT NULL,
    expiration_time TIMESTAMP WITH TIME ZONE,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (school_id, user_id, id),
    UNIQUE (school_id, endpoint),
    FOREIGN KEY (school_id, user_id) REFERENCES users (school_id, id)
);

-- The outbox of pushes: one row per (run, action, subscription), with the outbox's standard
-- state columns; target is the push service's origin, the key of per-target concurrency.
CREATE TABLE pushes (
    id               VARCHAR(64) PRIMARY KEY,
    school_id        VARCHAR(128) NOT NULL,
    status           VARCHAR(20) NOT NULL, -- queued, sending, sent, failed (no CHECK, as emails)
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    sending_at       TIMESTAMP WITH TIME ZONE,
    last_error       TEXT,
    target           VARCHAR(128) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    run_id           VARCHAR(64) NOT NULL,
    action_index     INTEGER NOT NULL,
    subscription_id  VARCHAR(128) NOT NULL,
    user_id          VARCHAR(128) NOT NULL,
    automation_id    VARCHAR(128) NOT NULL,
    event_id         VARCHAR(128),
    endpoint         VARCHAR(2048) NOT NULL,
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    url              VARCHAR(2048),
    sent_at          TIMESTAMP WITH TIME ZONE,
    last_status_code INTEGER,
    UNIQUE (run_id, action_index, subscription_id)
);
CREATE INDEX pushes_due_by_school ON pushes (status, school_id, next_attempt_at);
