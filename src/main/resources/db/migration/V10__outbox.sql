-- Issue 12: one outbox for every channel. Each channel's table has the same state columns, and
-- target is what concurrency is bounded by (an endpoint, a push service). Every email goes to
-- the one configured mail server, so existing rows and new ones get that target.
ALTER TABLE emails ADD COLUMN target VARCHAR(255) DEFAULT 'smtp' NOT NULL;
