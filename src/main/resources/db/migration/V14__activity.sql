-- user.visited: the last visit to the school, and to a course on its enrollment (the later of
-- the stored one and the event's occurredAt).
ALTER TABLE users ADD COLUMN last_visited_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE enrollments ADD COLUMN last_visited_at TIMESTAMP WITH TIME ZONE;
CREATE INDEX users_by_last_visit ON users (school_id, last_visited_at);
