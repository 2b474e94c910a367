-- Post-warranty paid repair orders (issue 11): see migrations/sqlite/0012_repair_orders.sql.

CREATE TABLE repair_orders (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_code        text NOT NULL REFERENCES stores (code),
    order_year        bigint NOT NULL CHECK (order_year BETWEEN 2000 AND 9999),
    year_no           bigint NOT NULL CHECK (year_no > 0),
    idempotency_key   text NOT NULL UNIQUE,
    stage             text NOT NULL DEFAULT 'received'
        CHECK (stage IN ('received', 'estimate_accepted', 'estimate_declined', 'at_service', 'back_from_service',
                         'customer_informed', 'handed_back', 'closed')),
    receipt_id        bigint REFERENCES receipts (id),
    receipt_line      bigint CHECK (receipt_line IS NULL OR receipt_line > 0),
    product           text NOT NULL CHECK (product <> ''),
    serial            text,
    customer_name     text NOT NULL CHECK (customer_name <> ''),
    customer_contact  text NOT NULL CHECK (customer_contact <> ''),
    defect            text NOT NULL CHECK (defect <> ''),
    accessories       text NOT NULL DEFAULT '',
    item_state        text NOT NULL DEFAULT '',
    estimate          numeric(14,2) NOT NULL CHECK (estimate > 0),
    final_price       numeric(14,2) CHECK (final_price IS NULL OR (final_price > 0 AND final_price <= estimate)),
    currency          text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    service_partner   text,
    waybill           text,
    sent_on           date,
    back_on           date,
    service_outcome   text CHECK (service_outcome IS NULL OR service_outcome IN ('repaired', 'not_repairable')),
    finding           text,
    price_paid        numeric(14,2) CHECK (price_paid IS NULL OR price_paid >= 0),
    tender            text CHECK (tender IS NULL OR tender IN ('cash', 'card')),
    handed_back_at    timestamptz,
    opened_at         timestamptz NOT NULL,
    opened_by         bigint NOT NULL REFERENCES users (id),
    terminal_id       bigint REFERENCES terminals (id),
    CHECK ((receipt_id IS NULL) = (receipt_line IS NULL)),
    CHECK ((price_paid IS NULL) OR (price_paid = 0) = (tender IS NULL)),
    UNIQUE (store_code, order_year, year_no)
);
CREATE INDEX repair_orders_by_stage ON repair_orders (store_code, stage, opened_at);

CREATE TABLE repair_order_events (
    order_id      bigint NOT NULL REFERENCES repair_orders (id),
    seq           bigint NOT NULL CHECK (seq > 0),
    step          text NOT NULL,
    at            timestamptz NOT NULL,
    user_id       bigint REFERENCES users (id),
    details_json  text NOT NULL DEFAULT '{}',
    PRIMARY KEY (order_id, seq)
);
