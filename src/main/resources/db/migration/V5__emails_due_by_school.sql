-- The outbox takes due emails school by school, in turns (OutboxWorker): which schools have
-- due emails, and each one's oldest, are read from this index instead of the whole backlog.
CREATE INDEX emails_due_by_school ON emails (status, school_id, next_attempt_at);
