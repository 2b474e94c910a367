-- The audit trail becomes a hash chain (docs/security.md, "The audit trail"): every entry gets
-- its place in the chain (seq: 1, 2, 3, … with no gap, one chain per database), the hash of the
-- entry before it (prev_hash) and its own hash, SHA-256 over its fields and, for an entry that
-- records a return, the return's money and quantities as they were written (record). Appending
-- takes the chain's head (audit_head) inside the write transaction of the change it records.
--
-- Entries from before this migration are numbered here in id order; their hashes need SHA-256,
-- which SQLite does not have, so the desk chains them when it opens the database
-- (store::audit::seal_legacy): audit_head.unsealed says how many are waiting, and the update
-- trigger lets exactly that happen once (hash from NULL to a value, nothing else changing).
--
-- SQLite cannot add a NOT NULL column without a default, nor change a trigger's condition:
-- the table is rebuilt with its rows (nothing references audit_log).

DROP TRIGGER audit_log_no_update;
DROP TRIGGER audit_log_no_delete;

-- One text form for actions, their serde name (store::AuditAction).
UPDATE audit_log SET action = 'return_confirmed' WHERE action = 'return.confirm';

CREATE TABLE audit_log_chained (
    id           INTEGER PRIMARY KEY,
    seq          INTEGER NOT NULL UNIQUE CHECK (seq > 0),  -- place in the chain, gap-free
    at           TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),  -- UTC instant
    user_id      INTEGER REFERENCES users (id),
    terminal_id  INTEGER REFERENCES terminals (id),
    store_code   TEXT REFERENCES stores (code),
    action       TEXT NOT NULL,  -- store::AuditAction's serde name: 'return_confirmed', 'sign_in', …
    entity       TEXT NOT NULL,  -- 'return', 'user', 'setting', 'policy', …
    entity_id    TEXT NOT NULL,
    details      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details)),
    receipt_id   INTEGER,  -- for an entry about a return: its receipt (no foreign key: the trail outlives what it names)
    record       TEXT CHECK (record IS NULL OR json_valid(record)),  -- the return's money and quantities as recorded
    prev_hash    TEXT CHECK (prev_hash IS NULL OR length(prev_hash) = 64),  -- the entry before's hash (64 zeros for #1)
    hash         TEXT CHECK (hash IS NULL OR length(hash) = 64)  -- NULL only before seal_legacy
) STRICT;

INSERT INTO audit_log_chained (id, seq, at, user_id, terminal_id, store_code, action, entity, entity_id, details, receipt_id)
SELECT a.id, ROW_NUMBER() OVER (ORDER BY a.id), a.at, a.user_id, a.terminal_id, a.store_code, a.action, a.entity,
       a.entity_id, a.details,
       CASE WHEN a.entity = 'return' THEN (SELECT r.receipt_id FROM returns r WHERE CAST(r.id AS TEXT) = a.entity_id) END
FROM audit_log a;

DROP TABLE audit_log;
ALTER TABLE audit_log_chained RENAME TO audit_log;
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE INDEX audit_log_by_receipt ON audit_log (receipt_id) WHERE receipt_id IS NOT NULL;

-- Append-only. The one update allowed is seal_legacy's: an entry from before this migration
-- gets its record and hashes once, and nothing else of it changes.
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
WHEN NOT (OLD.hash IS NULL AND NEW.hash IS NOT NULL
          AND NEW.id = OLD.id AND NEW.seq = OLD.seq AND NEW.at = OLD.at
          AND NEW.user_id IS OLD.user_id AND NEW.terminal_id IS OLD.terminal_id AND NEW.store_code IS OLD.store_code
          AND NEW.action = OLD.action AND NEW.entity = OLD.entity AND NEW.entity_id = OLD.entity_id
          AND NEW.details = OLD.details AND NEW.receipt_id IS OLD.receipt_id)
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- The chain's head: the last entry's seq and hash. One row, taken (UPDATE … RETURNING) by every
-- append inside its write transaction, so two desks never give out the same seq or fork.
CREATE TABLE audit_head (
    id        INTEGER PRIMARY KEY CHECK (id = 1),
    seq       INTEGER NOT NULL CHECK (seq >= 0),  -- the last entry's seq; 0: no entry yet
    hash      TEXT NOT NULL CHECK (length(hash) = 64),  -- the last entry's hash; 64 zeros: no entry yet
    unsealed  INTEGER NOT NULL DEFAULT 0 CHECK (unsealed >= 0)  -- entries from before 0005 still to chain
) STRICT;
INSERT INTO audit_head (id, seq, hash, unsealed)
SELECT 1, COUNT(*), '0000000000000000000000000000000000000000000000000000000000000000', COUNT(*) FROM audit_log;
