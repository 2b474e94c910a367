-- The approval queue (issue 12): a return a clerk sends to the store's managers, decided at a
-- manager's own desk and completed (paid) by the clerk; and the customers behind returns.
--
-- Every change of a case's state is a conditional UPDATE (… WHERE state = 'waiting') in a write
-- transaction that also bumps the store's queue version, store_counters(store, 'queue_version'):
-- a desk waiting for the queue to change (watch_queue) compares that number, whichever
-- process made the change.
CREATE TABLE queued_returns (
    id               bigserial PRIMARY KEY,
    idempotency_key  text NOT NULL UNIQUE,  -- STORE/DESK/key, like returns'
    request_hash     text NOT NULL,
    store_code       text NOT NULL REFERENCES stores (code),
    terminal_id      bigint REFERENCES terminals (id),
    requested_by     bigint NOT NULL REFERENCES users (id),
    requested_at     timestamptz NOT NULL,
    request_now      timestamp NOT NULL,    -- store-local time it was judged at
    receipt_id       bigint NOT NULL REFERENCES receipts (id),
    draft_json       text NOT NULL,
    verdict_json     text NOT NULL,         -- the desk's verdict at queueing
    asked_json       text NOT NULL,         -- the codes to decide
    note             text NOT NULL DEFAULT '',
    refund_total     numeric(14,2) NOT NULL CHECK (refund_total >= 0),  -- what it pays if all is approved
    currency         text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    state            text NOT NULL DEFAULT 'waiting'
                     CHECK (state IN ('waiting', 'approved', 'declined', 'completed', 'withdrawn')),
    decided_by       bigint REFERENCES users (id),
    decided_at       timestamptz,
    approve          boolean,
    lines_json       text,                  -- the lines overridden
    deductions_json  text,
    reason_code      text CHECK (reason_code IS NULL OR reason_code IN ('goodwill', 'store_error', 'loyal_customer', 'other')),
    reason_text      text,
    approved_refund  numeric(14,2) CHECK (approved_refund IS NULL OR approved_refund >= 0),
    return_id        bigint UNIQUE REFERENCES returns (id),
    changed_at       timestamptz NOT NULL,
    CHECK ((state = 'waiting' OR state = 'withdrawn') = (decided_by IS NULL)),
    CHECK ((state = 'completed') = (return_id IS NOT NULL))
);
CREATE INDEX queued_returns_by_store_state ON queued_returns (store_code, state, id);

-- The customers behind returns, never in clear: SHA-256 of a normalised `kind:value`
-- (card:<fingerprint>, phone:<digits>, email:<address>, loyalty:<id>), one row per identity
-- of a return; counted by key over a time range (a frequent returner).
CREATE TABLE return_customers (
    return_id     bigint NOT NULL REFERENCES returns (id),
    customer_key  text NOT NULL CHECK (length(customer_key) = 64),
    store_code    text NOT NULL REFERENCES stores (code),
    returned_at   timestamp NOT NULL,   -- store-local, as the engine's now
    PRIMARY KEY (return_id, customer_key)
);
CREATE INDEX return_customers_by_key ON return_customers (customer_key, store_code, returned_at);

-- A card payment's fingerprint (a token from the payment terminal, not the card number).
ALTER TABLE receipt_tenders ADD COLUMN card_fingerprint text CHECK (card_fingerprint IS NULL OR type = 'card');
