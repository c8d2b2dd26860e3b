-- What a run needs to continue after a wait: the course and the fields of the event that
-- started it (for {course.title} and {event.fields.X} in later emails).
ALTER TABLE runs ADD COLUMN course_id VARCHAR(128);
ALTER TABLE runs ADD COLUMN event_fields TEXT;
