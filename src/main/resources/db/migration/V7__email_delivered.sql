-- Whether a sent email reached an SMTP server (TRUE) or was only recorded, no SMTP being
-- configured (FALSE); NULL for emails sent before this column existed.
ALTER TABLE emails ADD COLUMN delivered BOOLEAN;
