-- When the posted event at a run's root happened: every webhook delivery's data carries it
-- (occurredAt), also for the changes a run makes after a wait, long after the event.
ALTER TABLE runs ADD COLUMN event_occurred_at TIMESTAMP WITH TIME ZONE;
