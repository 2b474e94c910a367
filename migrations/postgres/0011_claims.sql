-- Warranty claims from intake to settlement (issue 11): see migrations/sqlite/0011_claims.sql.

ALTER TABLE complaint_register ADD COLUMN register_year bigint CHECK (register_year IS NULL OR register_year BETWEEN 2000 AND 9999);
ALTER TABLE complaint_register ADD COLUMN year_no bigint CHECK (year_no IS NULL OR year_no > 0);
ALTER TABLE complaint_register ADD COLUMN remedy_given text;
ALTER TABLE complaint_register ADD COLUMN remedy_given_on date;
UPDATE complaint_register SET register_year = EXTRACT(YEAR FROM registered_at AT TIME ZONE 'UTC')::bigint, year_no = register_no;
CREATE UNIQUE INDEX complaint_register_per_year ON complaint_register (store_code, register_year, year_no);
INSERT INTO store_counters (store_code, counter, last_value)
    SELECT store_code, 'complaint_register:' || register_year, MAX(year_no) FROM complaint_register GROUP BY store_code, register_year;

ALTER TABLE warranty_claims ADD COLUMN stage text NOT NULL DEFAULT 'registered'
    CHECK (stage IN ('registered', 'at_service', 'back_from_service', 'customer_informed', 'handed_back', 'settled', 'rejected', 'closed'));
UPDATE warranty_claims SET stage = CASE status
    WHEN 'open' THEN 'registered' WHEN 'in_repair' THEN 'at_service' WHEN 'resolved' THEN 'handed_back'
    WHEN 'rejected' THEN 'rejected' ELSE 'closed' END;
ALTER TABLE warranty_claims ADD COLUMN kind text NOT NULL DEFAULT 'warranty' CHECK (kind IN ('warranty', 'paid_repair'));
ALTER TABLE warranty_claims ADD COLUMN accessories text NOT NULL DEFAULT '';
ALTER TABLE warranty_claims ADD COLUMN item_state text NOT NULL DEFAULT '';
ALTER TABLE warranty_claims ADD COLUMN remedy_asked text
    CHECK (remedy_asked IS NULL OR remedy_asked IN ('repair', 'replacement', 'price_reduction', 'refund'));
ALTER TABLE warranty_claims ADD COLUMN sent_on date;
ALTER TABLE warranty_claims ADD COLUMN back_on date;
ALTER TABLE warranty_claims ADD COLUMN service_outcome text CHECK (service_outcome IS NULL OR service_outcome IN ('repaired', 'replaced', 'rejected'));
ALTER TABLE warranty_claims ADD COLUMN legal_until_extended date;
ALTER TABLE warranty_claims ADD COLUMN commercial_until_extended date;
CREATE INDEX warranty_claims_by_line ON warranty_claims (receipt_id, receipt_line);
CREATE INDEX warranty_claims_by_stage ON warranty_claims (store_code, stage, claim_due_by);

CREATE TABLE claim_events (
    claim_id      bigint NOT NULL REFERENCES warranty_claims (id),
    seq           bigint NOT NULL CHECK (seq > 0),
    step          text NOT NULL,
    at            timestamptz NOT NULL,
    user_id       bigint REFERENCES users (id),
    details_json  text NOT NULL DEFAULT '{}',
    PRIMARY KEY (claim_id, seq)
);

CREATE TABLE claim_settlements (
    claim_id         bigint PRIMARY KEY REFERENCES warranty_claims (id),
    idempotency_key  text NOT NULL UNIQUE,
    remedy           text NOT NULL CHECK (remedy IN ('refund', 'price_reduction')),
    amount           numeric(14,2) NOT NULL CHECK (amount > 0),
    currency         text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    settled_by       bigint NOT NULL REFERENCES users (id),
    terminal_id      bigint REFERENCES terminals (id),
    settled_at       timestamptz NOT NULL
);

CREATE TABLE claim_settlement_tenders (
    claim_id  bigint NOT NULL REFERENCES claim_settlements (claim_id),
    seq       bigint NOT NULL CHECK (seq > 0),
    type      text NOT NULL,
    amount    numeric(14,2) NOT NULL CHECK (amount > 0),
    PRIMARY KEY (claim_id, seq)
);
