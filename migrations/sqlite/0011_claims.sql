-- Warranty claims from intake to settlement (issue 11).
--
-- A claim's life is its `stage` (the old `status` column stays, kept in step with the stage
-- for readers of the earlier contract: registered→open, at_service/back_from_service/
-- customer_informed→in_repair, handed_back/settled→resolved, rejected, closed). Every step is a
-- conditional UPDATE (… WHERE stage = <the stage it was read in>) in one write transaction with
-- its claim_events row and its audit entry: two desks advancing one claim, exactly one wins.
--
-- The complaint register is numbered per store AND year (S01-2026-00001): `year_no` is taken
-- from store_counters(store, 'complaint_register:YYYY') inside the write transaction, gap-free.
-- `register_no` stays the register's internal key (store_counters 'complaint_register').
-- Rows from before keep their numbers, with the year of registered_at.
-- No table is rebuilt: new columns only.

ALTER TABLE complaint_register ADD COLUMN register_year INTEGER CHECK (register_year IS NULL OR register_year BETWEEN 2000 AND 9999);
ALTER TABLE complaint_register ADD COLUMN year_no INTEGER CHECK (year_no IS NULL OR year_no > 0);
ALTER TABLE complaint_register ADD COLUMN remedy_given TEXT;
ALTER TABLE complaint_register ADD COLUMN remedy_given_on TEXT CHECK (remedy_given_on IS NULL OR remedy_given_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
UPDATE complaint_register SET register_year = CAST(substr(registered_at, 1, 4) AS INTEGER), year_no = register_no;
CREATE UNIQUE INDEX complaint_register_per_year ON complaint_register (store_code, register_year, year_no);
INSERT INTO store_counters (store_code, counter, last_value)
    SELECT store_code, 'complaint_register:' || register_year, MAX(year_no) FROM complaint_register GROUP BY store_code, register_year;

ALTER TABLE warranty_claims ADD COLUMN stage TEXT NOT NULL DEFAULT 'registered'
    CHECK (stage IN ('registered', 'at_service', 'back_from_service', 'customer_informed', 'handed_back', 'settled', 'rejected', 'closed'));
UPDATE warranty_claims SET stage = CASE status
    WHEN 'open' THEN 'registered' WHEN 'in_repair' THEN 'at_service' WHEN 'resolved' THEN 'handed_back'
    WHEN 'rejected' THEN 'rejected' ELSE 'closed' END;
ALTER TABLE warranty_claims ADD COLUMN kind TEXT NOT NULL DEFAULT 'warranty' CHECK (kind IN ('warranty', 'paid_repair'));
ALTER TABLE warranty_claims ADD COLUMN accessories TEXT NOT NULL DEFAULT '';
ALTER TABLE warranty_claims ADD COLUMN item_state TEXT NOT NULL DEFAULT '';
ALTER TABLE warranty_claims ADD COLUMN remedy_asked TEXT
    CHECK (remedy_asked IS NULL OR remedy_asked IN ('repair', 'replacement', 'price_reduction', 'refund'));
-- The days the item spent at the service (sent_on → back), and the extended warranty dates
-- they and a repair under the legal guarantee give the item.
ALTER TABLE warranty_claims ADD COLUMN sent_on TEXT CHECK (sent_on IS NULL OR sent_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE warranty_claims ADD COLUMN back_on TEXT CHECK (back_on IS NULL OR back_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE warranty_claims ADD COLUMN service_outcome TEXT CHECK (service_outcome IS NULL OR service_outcome IN ('repaired', 'replaced', 'rejected'));
ALTER TABLE warranty_claims ADD COLUMN legal_until_extended TEXT CHECK (legal_until_extended IS NULL OR legal_until_extended GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
ALTER TABLE warranty_claims ADD COLUMN commercial_until_extended TEXT CHECK (commercial_until_extended IS NULL OR commercial_until_extended GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]');
CREATE INDEX warranty_claims_by_line ON warranty_claims (receipt_id, receipt_line);
CREATE INDEX warranty_claims_by_stage ON warranty_claims (store_code, stage, claim_due_by);

-- Each step of a claim, in order (seq from 1): who, when, what was said.
CREATE TABLE claim_events (
    claim_id      INTEGER NOT NULL REFERENCES warranty_claims (id),
    seq           INTEGER NOT NULL CHECK (seq > 0),
    step          TEXT NOT NULL,
    at            TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    user_id       INTEGER REFERENCES users (id),
    details_json  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details_json)),
    PRIMARY KEY (claim_id, seq)
) STRICT;

-- A claim settled by money (refund or price reduction), once: paid per tender like a return.
CREATE TABLE claim_settlements (
    claim_id         INTEGER PRIMARY KEY REFERENCES warranty_claims (id),
    idempotency_key  TEXT NOT NULL UNIQUE,  -- STORE/DESK/key
    remedy           TEXT NOT NULL CHECK (remedy IN ('refund', 'price_reduction')),
    amount           INTEGER NOT NULL CHECK (amount > 0),  -- cents, receipt currency
    currency         TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    settled_by       INTEGER NOT NULL REFERENCES users (id),
    terminal_id      INTEGER REFERENCES terminals (id),
    settled_at       TEXT NOT NULL CHECK (settled_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00')
) STRICT;

CREATE TABLE claim_settlement_tenders (
    claim_id  INTEGER NOT NULL REFERENCES claim_settlements (claim_id),
    seq       INTEGER NOT NULL CHECK (seq > 0),
    type      TEXT NOT NULL,
    amount    INTEGER NOT NULL CHECK (amount > 0),  -- cents
    PRIMARY KEY (claim_id, seq)
) STRICT;
