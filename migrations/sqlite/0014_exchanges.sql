-- Exchanges (issue 14, part B): the catalogue gets prices, and an exchange is recorded as the
-- return of the old items (resolution exchange), an exchange document numbered per store and
-- year (EX-S01-2026-00001, gap-free: store_counters(store, 'exchange:YYYY') in the write
-- transaction) and a NEW sale receipt with that number for the new items. The new receipt's
-- tenders are the value moved from the original receipt per original tender
-- (exchange_moves, counted against the original receipt's tenders like refunds, so they are not
-- refunded again) plus the difference the customer paid. Money in cents. New tables and
-- columns only.

-- A product without a price (an old catalogue file) cannot be exchanged into.
ALTER TABLE products ADD COLUMN unit_price INTEGER CHECK (unit_price IS NULL OR unit_price >= 0);  -- cents
ALTER TABLE products ADD COLUMN currency TEXT CHECK (currency IS NULL OR currency IN ('EUR', 'BGN', 'RUB'));
ALTER TABLE products ADD COLUMN vat_rate INTEGER CHECK (vat_rate IS NULL OR vat_rate >= 0);  -- hundredths of a percent
ALTER TABLE products ADD COLUMN barcode TEXT;
CREATE UNIQUE INDEX products_by_barcode ON products (barcode) WHERE barcode IS NOT NULL;

CREATE TABLE exchanges (
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
    difference_tender  TEXT CHECK (difference_tender IS NULL OR difference_tender IN ('cash', 'card')),
    created_at         TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    clerk_id           INTEGER NOT NULL REFERENCES users (id),
    terminal_id        INTEGER REFERENCES terminals (id),
    CHECK ((paid = 0) = (difference_tender IS NULL)),
    CHECK (moved + paid = new_total),
    CHECK (refunded = 0 OR paid = 0),
    UNIQUE (store_code, exchange_year, year_no)
) STRICT;
CREATE INDEX exchanges_by_receipt ON exchanges (receipt_id);

-- The value moved from the original receipt, per original tender: `amount` in the new
-- receipt's currency, `receipt_amount` the same money in the original receipt's currency
-- (what the original tender can no longer give back).
CREATE TABLE exchange_moves (
    exchange_id     INTEGER NOT NULL REFERENCES exchanges (id),
    seq             INTEGER NOT NULL CHECK (seq > 0),
    receipt_id      INTEGER NOT NULL REFERENCES receipts (id),  -- the original sale
    type            TEXT NOT NULL CHECK (type IN ('card', 'cash', 'gift_card', 'store_credit')),
    amount          INTEGER NOT NULL CHECK (amount > 0),
    receipt_amount  INTEGER NOT NULL CHECK (receipt_amount >= 0),
    PRIMARY KEY (exchange_id, seq)
) STRICT;
CREATE INDEX exchange_moves_by_receipt ON exchange_moves (receipt_id);
