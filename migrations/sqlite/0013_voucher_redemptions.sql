-- Issue 14 (A): store credit that can be spent. A store-credit voucher (0001) is redeemed at
-- a till, in part or whole, and may be voided by a manager.
--
-- Each redemption is one write transaction: the voucher's balance is taken by a conditional
-- UPDATE (… WHERE balance >= amount AND status = 'active'), so it never goes below zero under
-- concurrent tills; reaching zero sets the status to 'spent'. The row below records who took
-- how much, at which till, for which sale; its idempotency key (STORE/DESK/key) answers a retry
-- with the same redemption. Money in cents. New table and columns only.

CREATE TABLE voucher_redemptions (
    id               INTEGER PRIMARY KEY,
    voucher_id       INTEGER NOT NULL REFERENCES store_credit_vouchers (id),
    idempotency_key  TEXT NOT NULL UNIQUE,  -- STORE/DESK/key
    amount           INTEGER NOT NULL CHECK (amount > 0),          -- cents, the voucher's currency
    balance_after    INTEGER NOT NULL CHECK (balance_after >= 0),  -- cents left after it
    till             TEXT NOT NULL CHECK (till <> ''),
    sale_reference   TEXT NOT NULL CHECK (sale_reference <> ''),
    redeemed_at      TEXT NOT NULL CHECK (redeemed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    user_id          INTEGER NOT NULL REFERENCES users (id),
    terminal_id      INTEGER REFERENCES terminals (id)
) STRICT;
CREATE INDEX voucher_redemptions_by_voucher ON voucher_redemptions (voucher_id, id);

-- A manager's void: when, by whom, why (NULL while not voided).
ALTER TABLE store_credit_vouchers ADD COLUMN voided_at TEXT
    CHECK (voided_at IS NULL OR voided_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00');
ALTER TABLE store_credit_vouchers ADD COLUMN voided_by INTEGER REFERENCES users (id);
ALTER TABLE store_credit_vouchers ADD COLUMN void_reason TEXT;
