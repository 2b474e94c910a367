-- An exchange's difference left for the till (issue 14): when the new items cost more than the
-- returned ones, the customer pays the rest at the desk by a tender the store allows (cash,
-- card or gift card) or it is recorded as an amount due and paid at the till later. The
-- exchanges table is rebuilt because its CHECKs assumed payment at the desk
-- (moved + paid = new_total); the rows are copied unchanged (due_at_till 0).
--
-- SQLite cannot drop a CHECK: the 12-step rebuild. Foreign keys stay on inside the migration's
-- transaction, so the one child table (exchange_moves) is set aside first and put back after.

CREATE TEMP TABLE exchange_moves_kept AS SELECT * FROM exchange_moves;
DELETE FROM exchange_moves;

CREATE TABLE exchanges_rebuilt (
    id                 INTEGER PRIMARY KEY,
    store_code         TEXT NOT NULL REFERENCES stores (code),
    exchange_year      INTEGER NOT NULL CHECK (exchange_year BETWEEN 2000 AND 9999),
    year_no            INTEGER NOT NULL CHECK (year_no > 0),
    number             TEXT NOT NULL,  -- EX-S01-2026-00001, also the new receipt's number
    idempotency_key    TEXT NOT NULL UNIQUE,  -- STORE/DESK/key
    request_hash       TEXT NOT NULL,
    return_id          INTEGER NOT NULL UNIQUE REFERENCES returns (id),
    receipt_id         INTEGER NOT NULL REFERENCES receipts (id),  -- the original sale
    new_receipt_id     INTEGER NOT NULL UNIQUE REFERENCES receipts (id),
    currency           TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    returned_value     INTEGER NOT NULL CHECK (returned_value >= 0),  -- V, cents
    new_total          INTEGER NOT NULL CHECK (new_total > 0),  -- N, cents
    moved              INTEGER NOT NULL CHECK (moved >= 0),  -- min(V, N): what the new receipt took over
    refunded           INTEGER NOT NULL CHECK (refunded >= 0),  -- V − N when positive, paid back
    paid               INTEGER NOT NULL CHECK (paid >= 0),  -- N − V when positive, paid at the desk
    difference_tender  TEXT CHECK (difference_tender IS NULL OR difference_tender IN ('cash', 'card', 'gift_card')),
    due_at_till        INTEGER NOT NULL DEFAULT 0 CHECK (due_at_till >= 0),  -- N − V when positive, left for the till
    created_at         TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    clerk_id           INTEGER NOT NULL REFERENCES users (id),
    terminal_id        INTEGER REFERENCES terminals (id),
    CHECK ((paid = 0) = (difference_tender IS NULL)),
    CHECK (paid = 0 OR due_at_till = 0),
    CHECK (moved + paid + due_at_till = new_total),
    CHECK (refunded = 0 OR (paid = 0 AND due_at_till = 0)),
    UNIQUE (store_code, exchange_year, year_no)
) STRICT;
INSERT INTO exchanges_rebuilt (id, store_code, exchange_year, year_no, number, idempotency_key, request_hash, return_id,
    receipt_id, new_receipt_id, currency, returned_value, new_total, moved, refunded, paid, difference_tender, due_at_till,
    created_at, clerk_id, terminal_id)
SELECT id, store_code, exchange_year, year_no, number, idempotency_key, request_hash, return_id,
    receipt_id, new_receipt_id, currency, returned_value, new_total, moved, refunded, paid, difference_tender, 0,
    created_at, clerk_id, terminal_id
FROM exchanges;
DROP TABLE exchanges;
ALTER TABLE exchanges_rebuilt RENAME TO exchanges;
CREATE INDEX exchanges_by_receipt ON exchanges (receipt_id);

INSERT INTO exchange_moves SELECT * FROM exchange_moves_kept;
DROP TABLE exchange_moves_kept;

-- The amount due of an exchange, and its payment at the till (one payment of the whole amount;
-- the till's retry with the same key is answered once). Paid: the new receipt gets the tender.
CREATE TABLE exchange_dues (
    exchange_id      INTEGER PRIMARY KEY REFERENCES exchanges (id),
    store_code       TEXT NOT NULL REFERENCES stores (code),
    currency         TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    amount           INTEGER NOT NULL CHECK (amount > 0),  -- cents
    paid_at          TEXT CHECK (paid_at IS NULL OR paid_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    tender           TEXT CHECK (tender IS NULL OR tender IN ('cash', 'card', 'gift_card')),
    till             TEXT,
    sale_reference   TEXT,
    idempotency_key  TEXT UNIQUE,  -- STORE/key of the till's payment
    paid_by          INTEGER REFERENCES users (id),
    CHECK ((paid_at IS NULL) = (tender IS NULL)),
    CHECK ((paid_at IS NULL) = (idempotency_key IS NULL)),
    CHECK ((paid_at IS NULL) = (paid_by IS NULL))
) STRICT;
CREATE INDEX exchange_dues_open ON exchange_dues (store_code) WHERE paid_at IS NULL;
