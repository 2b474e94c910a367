-- An exchange's difference left for the till (issue 14): see migrations/sqlite/0017_exchange_dues.sql.
-- PostgreSQL changes the CHECKs in place (the constraints of 0014 carry PostgreSQL's default names).

ALTER TABLE exchanges DROP CONSTRAINT exchanges_difference_tender_check;
ALTER TABLE exchanges DROP CONSTRAINT exchanges_check;
ALTER TABLE exchanges DROP CONSTRAINT exchanges_check1;
ALTER TABLE exchanges DROP CONSTRAINT exchanges_check2;
ALTER TABLE exchanges ADD COLUMN due_at_till numeric(14,2) NOT NULL DEFAULT 0 CHECK (due_at_till >= 0);
ALTER TABLE exchanges ADD CONSTRAINT exchanges_difference_tender_check
    CHECK (difference_tender IS NULL OR difference_tender IN ('cash', 'card', 'gift_card'));
ALTER TABLE exchanges ADD CONSTRAINT exchanges_paid_has_tender CHECK ((paid = 0) = (difference_tender IS NULL));
ALTER TABLE exchanges ADD CONSTRAINT exchanges_paid_here_or_at_till CHECK (paid = 0 OR due_at_till = 0);
ALTER TABLE exchanges ADD CONSTRAINT exchanges_adds_up CHECK (moved + paid + due_at_till = new_total);
ALTER TABLE exchanges ADD CONSTRAINT exchanges_one_way CHECK (refunded = 0 OR (paid = 0 AND due_at_till = 0));

CREATE TABLE exchange_dues (
    exchange_id      bigint PRIMARY KEY REFERENCES exchanges (id),
    store_code       text NOT NULL REFERENCES stores (code),
    currency         text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    amount           numeric(14,2) NOT NULL CHECK (amount > 0),
    paid_at          timestamptz,
    tender           text CHECK (tender IS NULL OR tender IN ('cash', 'card', 'gift_card')),
    till             text,
    sale_reference   text,
    idempotency_key  text UNIQUE,
    paid_by          bigint REFERENCES users (id),
    CHECK ((paid_at IS NULL) = (tender IS NULL)),
    CHECK ((paid_at IS NULL) = (idempotency_key IS NULL)),
    CHECK ((paid_at IS NULL) = (paid_by IS NULL))
);
CREATE INDEX exchange_dues_open ON exchange_dues (store_code) WHERE paid_at IS NULL;
