-- Post-warranty paid repair orders (issue 11): an item outside every warranty taken in for a
-- paid repair (estimate, the customer's acceptance, the price paid at pick-up). Not a complaint:
-- it does not go into the complaint register; its own table and numbering.
--
-- Numbered per store and year (R-S01-2026-00001): `year_no` is taken from
-- store_counters(store, 'repair_orders:YYYY') inside the write transaction, gap-free, never
-- reused. Every step is a conditional UPDATE (… WHERE stage = <the stage it was read in>) in one
-- write transaction with its repair_order_events row and its audit entry. Money in cents.
-- New tables only.

CREATE TABLE repair_orders (
    id                INTEGER PRIMARY KEY,
    store_code        TEXT NOT NULL REFERENCES stores (code),
    order_year        INTEGER NOT NULL CHECK (order_year BETWEEN 2000 AND 9999),
    year_no           INTEGER NOT NULL CHECK (year_no > 0),
    idempotency_key   TEXT NOT NULL UNIQUE,  -- STORE/DESK/key
    stage             TEXT NOT NULL DEFAULT 'received'
        CHECK (stage IN ('received', 'estimate_accepted', 'estimate_declined', 'at_service', 'back_from_service',
                         'customer_informed', 'handed_back', 'closed')),
    receipt_id        INTEGER REFERENCES receipts (id),
    receipt_line      INTEGER CHECK (receipt_line IS NULL OR receipt_line > 0),
    product           TEXT NOT NULL CHECK (product <> ''),
    serial            TEXT,
    customer_name     TEXT NOT NULL CHECK (customer_name <> ''),
    customer_contact  TEXT NOT NULL CHECK (customer_contact <> ''),
    defect            TEXT NOT NULL CHECK (defect <> ''),
    accessories       TEXT NOT NULL DEFAULT '',
    item_state        TEXT NOT NULL DEFAULT '',
    estimate          INTEGER NOT NULL CHECK (estimate > 0),  -- cents, the store's currency
    final_price       INTEGER CHECK (final_price IS NULL OR (final_price > 0 AND final_price <= estimate)),  -- cents
    currency          TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    service_partner   TEXT,
    waybill           TEXT,
    sent_on           TEXT CHECK (sent_on IS NULL OR sent_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    back_on           TEXT CHECK (back_on IS NULL OR back_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    service_outcome   TEXT CHECK (service_outcome IS NULL OR service_outcome IN ('repaired', 'not_repairable')),
    finding           TEXT,
    -- The pick-up: what was paid (exact, cents; 0 when nothing was due), how, when.
    price_paid        INTEGER CHECK (price_paid IS NULL OR price_paid >= 0),
    tender            TEXT CHECK (tender IS NULL OR tender IN ('cash', 'card')),
    handed_back_at    TEXT CHECK (handed_back_at IS NULL OR handed_back_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    opened_at         TEXT NOT NULL CHECK (opened_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    opened_by         INTEGER NOT NULL REFERENCES users (id),
    terminal_id       INTEGER REFERENCES terminals (id),
    CHECK ((receipt_id IS NULL) = (receipt_line IS NULL)),
    CHECK ((price_paid IS NULL) OR (price_paid = 0) = (tender IS NULL)),
    UNIQUE (store_code, order_year, year_no)
) STRICT;
CREATE INDEX repair_orders_by_stage ON repair_orders (store_code, stage, opened_at);

-- Each step of a repair order, in order (seq from 1): who, when, what was said.
CREATE TABLE repair_order_events (
    order_id      INTEGER NOT NULL REFERENCES repair_orders (id),
    seq           INTEGER NOT NULL CHECK (seq > 0),
    step          TEXT NOT NULL,
    at            TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    user_id       INTEGER REFERENCES users (id),
    details_json  TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details_json)),
    PRIMARY KEY (order_id, seq)
) STRICT;
