-- The approval queue (issue 12): a return a clerk sends to the store's managers, decided at a
-- manager's own desk and completed (paid) by the clerk; and the customers behind returns.
--
-- Every change of a case's state is a conditional UPDATE (… WHERE state = 'waiting') in a write
-- transaction that also bumps the store's queue version, store_counters(store, 'queue_version'):
-- a desk waiting for the queue to change (watch_queue) compares that number, whichever
-- process made the change.
CREATE TABLE queued_returns (
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
    CHECK ((state = 'waiting' OR state = 'withdrawn') = (decided_by IS NULL)),
    CHECK ((state = 'completed') = (return_id IS NOT NULL))
) STRICT;
CREATE INDEX queued_returns_by_store_state ON queued_returns (store_code, state, id);

-- The customers behind returns, never in clear: SHA-256 of a normalised `kind:value`
-- (card:<fingerprint>, phone:<digits>, email:<address>, loyalty:<id>), one row per identity
-- of a return; counted by key over a time range (a frequent returner).
CREATE TABLE return_customers (
    return_id     INTEGER NOT NULL REFERENCES returns (id),
    customer_key  TEXT NOT NULL CHECK (length(customer_key) = 64),
    store_code    TEXT NOT NULL REFERENCES stores (code),
    returned_at   TEXT NOT NULL CHECK (returned_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'),  -- store-local, as the engine's now
    PRIMARY KEY (return_id, customer_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX return_customers_by_key ON return_customers (customer_key, store_code, returned_at);

-- A card payment's fingerprint (a token from the payment terminal, not the card number).
ALTER TABLE receipt_tenders ADD COLUMN card_fingerprint TEXT CHECK (card_fingerprint IS NULL OR type = 'card');
