-- The chain's head also keeps the hash before the last entry (the last entry's prev_hash), set by
-- every append together with the head's seq and hash. On PostgreSQL this is what lets one
-- statement move the head and write the entry from the head's own RETURNING, so the head's lock
-- is held for that statement and the commit only (store::audit::append); SQLite keeps the same
-- column so that both backends' heads say the same. NULL until the first append after this.
ALTER TABLE audit_head ADD COLUMN prev_hash text CHECK (prev_hash IS NULL OR length(prev_hash) = 64);
