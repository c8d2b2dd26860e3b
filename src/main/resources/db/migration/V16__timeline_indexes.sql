-- The user's timeline (GET .../users/{u}/timeline) merges one keyset query per kind, each
-- WHERE school_id = ? AND user_id = ? AND (time, id) < (?, ?) ORDER BY time DESC, id DESC LIMIT n:
-- every kind gets an index on exactly that, so a page reads n rows of each, however deep it is.
-- The events' and runs' older indexes by user are their prefixes, and go.
DROP INDEX IF EXISTS events_by_user;
CREATE INDEX events_by_user ON events (school_id, user_id, received_at, id);
DROP INDEX IF EXISTS runs_by_user;
CREATE INDEX runs_by_user_started ON runs (school_id, user_id, started_at, id);
CREATE INDEX emails_by_user ON emails (school_id, user_id, created_at, id);
CREATE INDEX pushes_by_user ON pushes (school_id, user_id, created_at, id);
-- webhook_deliveries.user_id has been written since V8 for every delivery about a user (all but pings)
CREATE INDEX webhook_deliveries_by_user ON webhook_deliveries (school_id, user_id, created_at, id);
