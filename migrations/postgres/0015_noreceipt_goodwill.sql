-- Issue 14 (part C): returns without a receipt, and goodwill: see
-- migrations/sqlite/0015_noreceipt_goodwill.sql. New tables only.

CREATE TABLE unverified_returns (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_code       text NOT NULL REFERENCES stores (code),
    idempotency_key  text NOT NULL UNIQUE,
    request_hash     text NOT NULL,
    sku              text NOT NULL CHECK (sku <> ''),
    product          text NOT NULL,
    qty              bigint NOT NULL CHECK (qty > 0),
    unit_price       numeric(14,2) NOT NULL CHECK (unit_price > 0),
    amount           numeric(14,2) NOT NULL CHECK (amount > 0),
    currency         text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    lookback_days    bigint NOT NULL CHECK (lookback_days BETWEEN 1 AND 365),
    priced_from      bigint REFERENCES receipts (id),
    reason           text NOT NULL CHECK (reason <> ''),
    id_type          text NOT NULL CHECK (id_type IN ('id_card', 'passport', 'driving_licence', 'other')),
    id_key           text NOT NULL CHECK (length(id_key) = 64),
    id_last4         text NOT NULL CHECK (length(id_last4) BETWEEN 1 AND 4),
    voucher_id       bigint NOT NULL REFERENCES store_credit_vouchers (id),
    clerk_id         bigint NOT NULL REFERENCES users (id),
    manager_id       bigint NOT NULL REFERENCES users (id),
    terminal_id      bigint REFERENCES terminals (id),
    returned_at      timestamp NOT NULL,
    created_at       timestamptz NOT NULL
);
CREATE INDEX unverified_returns_by_key ON unverified_returns (id_key, store_code, returned_at);

CREATE TABLE goodwill_refunds (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_code       text NOT NULL REFERENCES stores (code),
    idempotency_key  text NOT NULL UNIQUE,
    request_hash     text NOT NULL,
    receipt_id       bigint NOT NULL,
    receipt_line     bigint NOT NULL CHECK (receipt_line > 0),
    amount           numeric(14,2) NOT NULL CHECK (amount > 0),
    receipt_amount   numeric(14,2) NOT NULL CHECK (receipt_amount > 0),
    currency         text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    reason           text NOT NULL CHECK (reason <> ''),
    manager_id       bigint NOT NULL REFERENCES users (id),
    terminal_id      bigint REFERENCES terminals (id),
    paid_at          timestamp NOT NULL,
    created_at       timestamptz NOT NULL,
    FOREIGN KEY (receipt_id, receipt_line) REFERENCES receipt_lines (receipt_id, line)
);
CREATE INDEX goodwill_refunds_by_receipt ON goodwill_refunds (receipt_id, receipt_line);

CREATE TABLE goodwill_tenders (
    goodwill_id      bigint NOT NULL REFERENCES goodwill_refunds (id),
    seq              bigint NOT NULL CHECK (seq > 0),
    type             text NOT NULL CHECK (type IN ('card', 'cash', 'gift_card', 'store_credit')),
    amount           numeric(14,2) NOT NULL CHECK (amount >= 0),
    receipt_amount   numeric(14,2) NOT NULL CHECK (receipt_amount >= 0),
    PRIMARY KEY (goodwill_id, seq)
);

-- The lowest price an SKU sold for lately (an unverified return is paid at it).
CREATE INDEX receipt_lines_by_sku ON receipt_lines (sku);
