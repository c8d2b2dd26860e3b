-- wait_for steps (API.md 1.1, "Flows"): how a run's wait_for ended (event or timeout) and the
-- event that ended it. A waiting run's next_step names the wait_for it waits at.
ALTER TABLE run_actions ADD COLUMN outcome VARCHAR(8);
ALTER TABLE run_actions ADD COLUMN event_id VARCHAR(128);
-- The automation versions a school's waiting runs are on, read when its rule base loads: their
-- wait_for steps and exit goals must stay live until those runs end.
CREATE INDEX runs_waiting_versions ON runs (school_id, status, automation_id, version);
