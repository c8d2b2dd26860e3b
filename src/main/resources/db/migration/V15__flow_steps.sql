-- Flows (API.md 1.1): a run's actions are steps of a tree. Each row names its step's path and
-- its index in its own list (idx stays the run-wide key: the step's number in path order, the
-- list index for a plain list), and an if's row the branch it took. A waiting run keeps the
-- path of its next step. Rows from before have none: a plain list's index is their path.
ALTER TABLE run_actions ADD COLUMN step VARCHAR(400);
ALTER TABLE run_actions ADD COLUMN list_index INTEGER;
ALTER TABLE run_actions ADD COLUMN branch VARCHAR(8);
ALTER TABLE runs ADD COLUMN next_step VARCHAR(400);
-- Each event looks up its user's waiting runs (exitWhen): by user and status, not through all
-- of the user's runs.
CREATE INDEX runs_by_user_status ON runs (school_id, user_id, status);
