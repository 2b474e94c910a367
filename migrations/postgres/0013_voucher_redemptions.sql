-- Issue 14 (A): store credit that can be spent: see migrations/sqlite/0013_voucher_redemptions.sql.

CREATE TABLE voucher_redemptions (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    voucher_id       bigint NOT NULL REFERENCES store_credit_vouchers (id),
    idempotency_key  text NOT NULL UNIQUE,
    amount           numeric(14,2) NOT NULL CHECK (amount > 0),
    balance_after    numeric(14,2) NOT NULL CHECK (balance_after >= 0),
    till             text NOT NULL CHECK (till <> ''),
    sale_reference   text NOT NULL CHECK (sale_reference <> ''),
    redeemed_at      timestamptz NOT NULL,
    user_id          bigint NOT NULL REFERENCES users (id),
    terminal_id      bigint REFERENCES terminals (id)
);
CREATE INDEX voucher_redemptions_by_voucher ON voucher_redemptions (voucher_id, id);

ALTER TABLE store_credit_vouchers ADD COLUMN voided_at timestamptz;
ALTER TABLE store_credit_vouchers ADD COLUMN voided_by bigint REFERENCES users (id);
ALTER TABLE store_credit_vouchers ADD COLUMN void_reason text;
