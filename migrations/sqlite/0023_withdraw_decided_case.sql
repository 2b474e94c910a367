-- Issue 16: a decided case the desk will not complete can be taken back (withdrawn) as a
-- waiting one can: the customer left, or the receipt changed since the manager approved it
-- (APPROVED_AMOUNT_CHANGED — the desk sends it again, and the stale approval must not stay on
-- the clerk's strip offering a completion that can only fail). A withdrawn case keeps the
-- decision it had, so the row still says who approved it. SQLite cannot change a CHECK in
-- place: the table is made again with the new one and its rows copied (nothing refers to it).
CREATE TABLE queued_returns_next (
    id               INTEGER PRIMARY KEY,
    idempotency_key  TEXT NOT NULL UNIQUE,  -- STORE/DESK/key, like returns'
    request_hash     TEXT NOT NULL,         -- what was asked: the same key with another draft is refused
    store_code       TEXT NOT NULL REFERENCES stores (code),
    terminal_id      INTEGER REFERENCES terminals (id),
    requested_by     INTEGER NOT NULL REFERENCES users (id),
    requested_at     TEXT NOT NULL CHECK (requested_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    request_now      TEXT NOT NULL CHECK (request_now GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'),  -- store-local time it was judged at
    receipt_id       INTEGER NOT NULL REFERENCES receipts (id),
    draft_json       TEXT NOT NULL CHECK (json_valid(draft_json)),
    verdict_json     TEXT NOT NULL CHECK (json_valid(verdict_json)),  -- the desk's verdict at queueing
    asked_json       TEXT NOT NULL CHECK (json_valid(asked_json)),    -- the codes to decide
    note             TEXT NOT NULL DEFAULT '',
    refund_total     INTEGER NOT NULL CHECK (refund_total >= 0),  -- cents: what it pays if all is approved
    currency         TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    state            TEXT NOT NULL DEFAULT 'waiting'
                     CHECK (state IN ('waiting', 'approved', 'declined', 'completed', 'withdrawn')),
    decided_by       INTEGER REFERENCES users (id),
    decided_at       TEXT CHECK (decided_at IS NULL OR decided_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    approve          INTEGER CHECK (approve IS NULL OR approve IN (0, 1)),
    lines_json       TEXT CHECK (lines_json IS NULL OR json_valid(lines_json)),       -- the lines overridden
    deductions_json  TEXT CHECK (deductions_json IS NULL OR json_valid(deductions_json)),
    reason_code      TEXT CHECK (reason_code IS NULL OR reason_code IN ('goodwill', 'store_error', 'loyal_customer', 'other')),
    reason_text      TEXT,
    approved_refund  INTEGER CHECK (approved_refund IS NULL OR approved_refund >= 0),  -- cents
    return_id        INTEGER UNIQUE REFERENCES returns (id),
    changed_at       TEXT NOT NULL CHECK (changed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    -- waiting: undecided; approved, declined, completed: decided; withdrawn: either (a decided
    -- case the desk would not complete is taken back too).
    CHECK ((state = 'waiting' AND decided_by IS NULL) OR state = 'withdrawn'
           OR (state IN ('approved', 'declined', 'completed') AND decided_by IS NOT NULL)),
    CHECK ((state = 'completed') = (return_id IS NOT NULL))
) STRICT;

INSERT INTO queued_returns_next SELECT * FROM queued_returns;
DROP TABLE queued_returns;
ALTER TABLE queued_returns_next RENAME TO queued_returns;
CREATE INDEX queued_returns_by_store_state ON queued_returns (store_code, state, id);
