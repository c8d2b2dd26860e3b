-- When a key was last used, to the minute (GET .../api-keys): written at most once a minute per key.
ALTER TABLE api_keys ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
