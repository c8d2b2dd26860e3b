-- Webhook endpoints of a school (package webhooks). The secrets are columns of the endpoint,
-- not a table of their own: the contract allows at most two valid at once (the current one and,
-- for 24 h after a rotation, the one before), so two columns hold every state; a rotation is
-- one UPDATE under the endpoint's row lock, and signing reads both in the one row it reads
-- anyway. Secrets are kept as issued (whsec_...): signing needs the key itself, a hash would not
-- do. `events` is a comma list of the subscribed types ("*" for all), in the order given.
CREATE TABLE webhook_endpoints (
    id                         VARCHAR(64) PRIMARY KEY,
    school_id                  VARCHAR(128) NOT NULL REFERENCES schools (id),
    url                        TEXT NOT NULL,
    events                     TEXT NOT NULL,
    description                TEXT,
    status                     VARCHAR(20) NOT NULL,
    disabled_reason            TEXT,
    disabled_at                TIMESTAMP WITH TIME ZONE,
    secret                     VARCHAR(100) NOT NULL,
    previous_secret            VARCHAR(100),
    previous_secret_expires_at TIMESTAMP WITH TIME ZONE,
    -- the first failed attempt since the last delivered one: 5 days of only failures disable the endpoint
    failing_since              TIMESTAMP WITH TIME ZONE,
    created_at                 TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                 TIMESTAMP WITH TIME ZONE NOT NULL
);
-- a school's endpoints, listed by id (and counted for the limit of 20)
CREATE INDEX webhook_endpoints_by_school ON webhook_endpoints (school_id, id);

-- One delivery of one change to one endpoint: the outbox's standard state columns (status,
-- attempts, next_attempt_at, sending_at, last_error, target = the endpoint id, the per-target
-- concurrency key), then what a webhook adds. `body` is the exact UTF-8 text signed and sent on
-- every attempt. No foreign key to the endpoint: its log outlives it.
CREATE TABLE webhook_deliveries (
    id               VARCHAR(64) PRIMARY KEY,
    school_id        VARCHAR(128) NOT NULL,
    status           VARCHAR(20) NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    sending_at       TIMESTAMP WITH TIME ZONE,
    last_error       TEXT,
    target           VARCHAR(128) NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    webhook_id       VARCHAR(64) NOT NULL,
    type             VARCHAR(40) NOT NULL,
    body             TEXT NOT NULL,
    user_id          VARCHAR(128),
    run_id           VARCHAR(64),
    last_status_code INTEGER,
    delivered_at     TIMESTAMP WITH TIME ZONE
);
-- due deliveries school by school, as emails_due_by_school does for emails
CREATE INDEX webhook_deliveries_due_by_school ON webhook_deliveries (status, school_id, next_attempt_at);
-- an endpoint's delivery log, newest first
CREATE INDEX webhook_deliveries_log ON webhook_deliveries (school_id, webhook_id, created_at);
