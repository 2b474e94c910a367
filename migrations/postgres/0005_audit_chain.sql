-- The audit trail becomes a hash chain (docs/security.md, "The audit trail"): every entry gets
-- its place in the chain (seq: 1, 2, 3, … with no gap, one chain per database), the hash of the
-- entry before it (prev_hash) and its own hash, SHA-256 over its fields and, for an entry that
-- records a return, the return's money and quantities as they were written (record). Appending
-- takes the chain's head (audit_head, locked by UPDATE … RETURNING) inside the write transaction
-- of the change it records.
--
-- Entries from before this migration are numbered here in id order; the desk chains them when
-- it opens the database (store::audit::seal_legacy, the same code as every append, on both
-- backends): audit_head.unsealed says how many are waiting, and the trigger lets exactly that
-- happen once (hash from NULL to a value, nothing else changing).

DROP TRIGGER audit_log_no_change ON audit_log;

-- One text form for actions, their serde name (store::AuditAction).
UPDATE audit_log SET action = 'return_confirmed' WHERE action = 'return.confirm';

ALTER TABLE audit_log
    ADD COLUMN seq bigint,
    ADD COLUMN receipt_id bigint,  -- for an entry about a return: its receipt (no foreign key: the trail outlives what it names)
    ADD COLUMN record text CHECK (record IS NULL OR record::jsonb IS NOT NULL),  -- the return's money and quantities as recorded
    ADD COLUMN prev_hash text CHECK (prev_hash IS NULL OR length(prev_hash) = 64),  -- the entry before's hash (64 zeros for #1)
    ADD COLUMN hash text CHECK (hash IS NULL OR length(hash) = 64);  -- NULL only before seal_legacy

UPDATE audit_log a SET seq = n.seq
FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM audit_log) n
WHERE a.id = n.id;
UPDATE audit_log a SET receipt_id = r.receipt_id
FROM returns r
WHERE a.entity = 'return' AND r.id::text = a.entity_id;

ALTER TABLE audit_log
    ALTER COLUMN seq SET NOT NULL,
    ADD CONSTRAINT audit_log_seq_positive CHECK (seq > 0),
    ADD CONSTRAINT audit_log_seq_key UNIQUE (seq);
CREATE INDEX audit_log_by_receipt ON audit_log (receipt_id) WHERE receipt_id IS NOT NULL;

-- Append-only. The one update allowed is seal_legacy's: an entry from before this migration
-- gets its record and hashes once, and nothing else of it changes.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.hash IS NULL AND NEW.hash IS NOT NULL
       AND ROW(NEW.id, NEW.seq, NEW.at, NEW.user_id, NEW.terminal_id, NEW.store_code, NEW.action, NEW.entity,
               NEW.entity_id, NEW.details, NEW.receipt_id)
           IS NOT DISTINCT FROM
           ROW(OLD.id, OLD.seq, OLD.at, OLD.user_id, OLD.terminal_id, OLD.store_code, OLD.action, OLD.entity,
               OLD.entity_id, OLD.details, OLD.receipt_id) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

-- The chain's head: the last entry's seq and hash. One row, locked (UPDATE … RETURNING) by every
-- append inside its write transaction, so two desks never give out the same seq or fork.
CREATE TABLE audit_head (
    id        integer PRIMARY KEY CHECK (id = 1),
    seq       bigint NOT NULL CHECK (seq >= 0),  -- the last entry's seq; 0: no entry yet
    hash      text NOT NULL CHECK (length(hash) = 64),  -- the last entry's hash; 64 zeros: no entry yet
    unsealed  bigint NOT NULL DEFAULT 0 CHECK (unsealed >= 0)  -- entries from before 0005 still to chain
);
INSERT INTO audit_head (id, seq, hash, unsealed)
SELECT 1, COUNT(*), repeat('0', 64), COUNT(*) FROM audit_log;
