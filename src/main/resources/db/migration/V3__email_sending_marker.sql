-- An email is marked 'sending' (committed) before the SMTP call, and 'sent' after it. A row
-- left 'sending' by a process that died is the crash window: it is sent again after a lease,
-- and that possible duplicate is logged.
ALTER TABLE emails ADD COLUMN sending_at TIMESTAMP WITH TIME ZONE;
