-- Exchanges (issue 14, part B): see migrations/sqlite/0014_exchanges.sql. Money NUMERIC(14,2)
-- like every other amount here. New tables and columns only.

ALTER TABLE products ADD COLUMN unit_price numeric(14,2) CHECK (unit_price IS NULL OR unit_price >= 0);
ALTER TABLE products ADD COLUMN currency text CHECK (currency IS NULL OR currency IN ('EUR', 'BGN', 'RUB'));
ALTER TABLE products ADD COLUMN vat_rate numeric(5,2) CHECK (vat_rate IS NULL OR vat_rate >= 0);
ALTER TABLE products ADD COLUMN barcode text;
CREATE UNIQUE INDEX products_by_barcode ON products (barcode) WHERE barcode IS NOT NULL;

CREATE TABLE exchanges (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_code         text NOT NULL REFERENCES stores (code),
    exchange_year      bigint NOT NULL CHECK (exchange_year BETWEEN 2000 AND 9999),
    year_no            bigint NOT NULL CHECK (year_no > 0),
    number             text NOT NULL,
    idempotency_key    text NOT NULL UNIQUE,
    request_hash       text NOT NULL,
    return_id          bigint NOT NULL UNIQUE REFERENCES returns (id),
    receipt_id         bigint NOT NULL REFERENCES receipts (id),
    new_receipt_id     bigint NOT NULL UNIQUE REFERENCES receipts (id),
    currency           text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    returned_value     numeric(14,2) NOT NULL CHECK (returned_value >= 0),
    new_total          numeric(14,2) NOT NULL CHECK (new_total > 0),
    moved              numeric(14,2) NOT NULL CHECK (moved >= 0),
    refunded           numeric(14,2) NOT NULL CHECK (refunded >= 0),
    paid               numeric(14,2) NOT NULL CHECK (paid >= 0),
    difference_tender  text CHECK (difference_tender IS NULL OR difference_tender IN ('cash', 'card')),
    created_at         timestamptz NOT NULL,
    clerk_id           bigint NOT NULL REFERENCES users (id),
    terminal_id        bigint REFERENCES terminals (id),
    CHECK ((paid = 0) = (difference_tender IS NULL)),
    CHECK (moved + paid = new_total),
    CHECK (refunded = 0 OR paid = 0),
    UNIQUE (store_code, exchange_year, year_no)
);
CREATE INDEX exchanges_by_receipt ON exchanges (receipt_id);

CREATE TABLE exchange_moves (
    exchange_id     bigint NOT NULL REFERENCES exchanges (id),
    seq             bigint NOT NULL CHECK (seq > 0),
    receipt_id      bigint NOT NULL REFERENCES receipts (id),
    type            text NOT NULL CHECK (type IN ('card', 'cash', 'gift_card', 'store_credit')),
    amount          numeric(14,2) NOT NULL CHECK (amount > 0),
    receipt_amount  numeric(14,2) NOT NULL CHECK (receipt_amount >= 0),
    PRIMARY KEY (exchange_id, seq)
);
CREATE INDEX exchange_moves_by_receipt ON exchange_moves (receipt_id);
