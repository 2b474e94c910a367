-- Issue 14 (part C): returns without a receipt, and goodwill. New tables only.
--
-- An unverified return: no receipt was found; the store allows it (desk setting
-- `unverified_returns_allowed`), a manager approved it at the desk with their PIN, the
-- customer's identity document was noted — never in clear: `id_key` is a keyed hash
-- (HMAC-SHA-256 of the normalised `type:number` under the store's own key, the desk setting
-- `customer_id_key`) and `id_last4` its last four characters — and it was paid ONLY as store
-- credit (a voucher in store_credit_vouchers, return_id NULL) at the lowest unit price the SKU
-- sold for at the store in the lookback window. Money in cents. The same key (STORE/DESK/key)
-- answers the same return.
CREATE TABLE unverified_returns (
    id               INTEGER PRIMARY KEY,
    store_code       TEXT NOT NULL REFERENCES stores (code),
    idempotency_key  TEXT NOT NULL UNIQUE,
    request_hash     TEXT NOT NULL,
    sku              TEXT NOT NULL CHECK (sku <> ''),
    product          TEXT NOT NULL,
    qty              INTEGER NOT NULL CHECK (qty > 0),
    unit_price       INTEGER NOT NULL CHECK (unit_price > 0),   -- cents: the lowest unit price found
    amount           INTEGER NOT NULL CHECK (amount > 0),       -- cents: qty × unit_price
    currency         TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    lookback_days    INTEGER NOT NULL CHECK (lookback_days BETWEEN 1 AND 365),
    priced_from      INTEGER REFERENCES receipts (id),          -- the sale the price was taken from
    reason           TEXT NOT NULL CHECK (reason <> ''),
    id_type          TEXT NOT NULL CHECK (id_type IN ('id_card', 'passport', 'driving_licence', 'other')),
    id_key           TEXT NOT NULL CHECK (length(id_key) = 64),
    id_last4         TEXT NOT NULL CHECK (length(id_last4) BETWEEN 1 AND 4),
    voucher_id       INTEGER NOT NULL REFERENCES store_credit_vouchers (id),
    clerk_id         INTEGER NOT NULL REFERENCES users (id),
    manager_id       INTEGER NOT NULL REFERENCES users (id),
    terminal_id      INTEGER REFERENCES terminals (id),
    returned_at      TEXT NOT NULL CHECK (returned_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'),  -- store-local
    created_at       TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00')
) STRICT;
-- The frequent-returner count reads unverified returns by the customer's key too.
CREATE INDEX unverified_returns_by_key ON unverified_returns (id_key, store_code, returned_at);

-- Goodwill: an amount (not a quantity) paid back on a receipt line by a manager, with a reason,
-- by the tender rules; its tenders count as refunded in the receipt's history, and the line's
-- goodwill lowers what a later return of the line pays. Money in cents.
CREATE TABLE goodwill_refunds (
    id               INTEGER PRIMARY KEY,
    store_code       TEXT NOT NULL REFERENCES stores (code),
    idempotency_key  TEXT NOT NULL UNIQUE,
    request_hash     TEXT NOT NULL,
    receipt_id       INTEGER NOT NULL,
    receipt_line     INTEGER NOT NULL CHECK (receipt_line > 0),
    amount           INTEGER NOT NULL CHECK (amount > 0),          -- cents, payout currency
    receipt_amount   INTEGER NOT NULL CHECK (receipt_amount > 0),  -- cents, the receipt's currency
    currency         TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    reason           TEXT NOT NULL CHECK (reason <> ''),
    manager_id       INTEGER NOT NULL REFERENCES users (id),
    terminal_id      INTEGER REFERENCES terminals (id),
    paid_at          TEXT NOT NULL CHECK (paid_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'),  -- store-local, for the slip
    created_at       TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    FOREIGN KEY (receipt_id, receipt_line) REFERENCES receipt_lines (receipt_id, line)
) STRICT;
CREATE INDEX goodwill_refunds_by_receipt ON goodwill_refunds (receipt_id, receipt_line);

CREATE TABLE goodwill_tenders (
    goodwill_id      INTEGER NOT NULL REFERENCES goodwill_refunds (id),
    seq              INTEGER NOT NULL CHECK (seq > 0),
    type             TEXT NOT NULL CHECK (type IN ('card', 'cash', 'gift_card', 'store_credit')),
    amount           INTEGER NOT NULL CHECK (amount >= 0),          -- cents, payout currency
    receipt_amount   INTEGER NOT NULL CHECK (receipt_amount >= 0),  -- cents, the receipt's currency
    PRIMARY KEY (goodwill_id, seq)
) STRICT, WITHOUT ROWID;

-- The lowest price an SKU sold for lately (an unverified return is paid at it).
CREATE INDEX receipt_lines_by_sku ON receipt_lines (sku);
