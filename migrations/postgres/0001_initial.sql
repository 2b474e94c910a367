-- Return Desk schema, PostgreSQL flavour (applied by sqlx::migrate!("migrations/postgres")).
-- Same tables, columns and constraints as migrations/sqlite/0001_initial.sql; only types differ.
--
-- MONEY: NUMERIC(14,2), exact, bound and read as rust_decimal::Decimal (sqlx feature
--        "rust_decimal"). Rates: vat_rate NUMERIC(5,2) in percent (20.00, 9.50).
--        (SQLite stores the same values as integers scaled by 100.)
-- TIME:  local wall times (purchased_at, request_now) are `timestamp` (without time zone)
--        = chrono::NaiveDateTime, in the store's time zone; instants (created_at,
--        decided_at, at, ...) are `timestamptz` = chrono::DateTime<Utc>; calendar
--        dates are `date` = chrono::NaiveDate. All written from Rust, no DEFAULT now().
-- JSON:  text holding JSON, exactly as Rust wrote it (decision_json is the engine's
--        output verbatim; a jsonb column would reorder keys). CHECK (x::jsonb IS NOT NULL)
--        rejects malformed JSON; meaning is validated in Rust (serde).
-- IDS:   bigint GENERATED ALWAYS AS IDENTITY (i64 in Rust, like SQLite's INTEGER PRIMARY KEY).

CREATE TABLE policies (
    policy_id   text PRIMARY KEY,
    name        text NOT NULL
);

CREATE TABLE stores (
    code          text PRIMARY KEY,
    name          text NOT NULL,
    address       text NOT NULL DEFAULT '',
    jurisdiction  text NOT NULL CHECK (jurisdiction IN ('EU', 'BG', 'GR', 'RU')),
    currency      text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),   -- what refunds are paid in
    time_zone     text NOT NULL,                    -- IANA name, e.g. 'Europe/Sofia'
    policy_id     text NOT NULL REFERENCES policies (policy_id)
);

CREATE TABLE store_holidays (
    store_code  text NOT NULL REFERENCES stores (code) ON DELETE CASCADE,
    day         date NOT NULL,
    name        text NOT NULL DEFAULT '',
    PRIMARY KEY (store_code, day)
);

-- Per-store sequences, taken with UPDATE ... SET last_value = last_value + 1 ... RETURNING
-- (the row lock serialises desks; gap-free, unlike a SEQUENCE).
CREATE TABLE store_counters (
    store_code  text NOT NULL REFERENCES stores (code),
    counter     text NOT NULL,                      -- 'complaint_register', 'voucher'
    last_value  bigint NOT NULL DEFAULT 0 CHECK (last_value >= 0),
    PRIMARY KEY (store_code, counter)
);

CREATE TABLE terminals (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_code  text NOT NULL REFERENCES stores (code),
    code        text NOT NULL,
    name        text NOT NULL DEFAULT '',
    active      boolean NOT NULL DEFAULT true,
    UNIQUE (store_code, code)
);

CREATE TABLE users (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_code       text REFERENCES stores (code),  -- NULL: may work in every store
    login            text NOT NULL UNIQUE,
    display_name     text NOT NULL,
    role             text NOT NULL CHECK (role IN ('clerk', 'manager')),
    pin_hash         text NOT NULL CHECK (pin_hash LIKE '$argon2%'),   -- PHC string
    failed_attempts  integer NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until     timestamptz,
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL
);

CREATE TABLE policy_versions (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    policy_id       text NOT NULL REFERENCES policies (policy_id),
    version         integer NOT NULL CHECK (version > 0),
    effective_from  date NOT NULL,
    defaults_json   text NOT NULL CHECK (defaults_json::jsonb IS NOT NULL),                  -- evaluate.md "defaults"
    rules_json      text NOT NULL CHECK (rules_json::jsonb IS NOT NULL),                  -- evaluate.md "rules" (array)
    created_by      bigint REFERENCES users (id),
    created_at      timestamptz NOT NULL,
    UNIQUE (policy_id, version),
    UNIQUE (policy_id, effective_from)
);

CREATE TABLE products (
    sku             text PRIMARY KEY,
    name            text NOT NULL,
    category        text NOT NULL,
    brand           text NOT NULL DEFAULT '',
    serial_tracked  boolean NOT NULL DEFAULT false
);

CREATE TABLE receipts (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_code        text NOT NULL REFERENCES stores (code),
    number            text NOT NULL,
    purchased_at      timestamp NOT NULL,            -- store-local wall time
    channel           text NOT NULL CHECK (channel IN ('store', 'online')),
    delivered_on      date,                          -- online only; NULL = purchase date
    currency          text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    receipt_discount  numeric(14,2) NOT NULL DEFAULT 0 CHECK (receipt_discount >= 0),
    total_paid        numeric(14,2) NOT NULL CHECK (total_paid >= 0),   -- = sum of tenders
    barcode           text,
    -- Russian fiscal receipt QR (t=...&s=...&fn=...&i=...&fp=...&n=...), kept as printed:
    fiscal_fn         text,                          -- fiscal drive number (ФН)
    fiscal_i          text,                          -- fiscal document number (ФД)
    fiscal_fp         text,                          -- fiscal sign (ФП/ФПД)
    fiscal_s          numeric(14,2),                 -- total from the QR
    content_hash      text NOT NULL,                 -- sha256 of the canonical receipt JSON, compared on re-import of (store, number)
    imported_at       timestamptz NOT NULL,
    UNIQUE (store_code, number),
    CHECK ((fiscal_fn IS NULL) = (fiscal_i IS NULL) AND (fiscal_fn IS NULL) = (fiscal_fp IS NULL))
);
-- A scanned receipt number without its store (the desk's lookup) must never scan the table.
CREATE INDEX receipts_by_number ON receipts (number);
CREATE INDEX receipts_by_barcode ON receipts (barcode) WHERE barcode IS NOT NULL;
CREATE INDEX receipts_by_fiscal ON receipts (fiscal_fn, fiscal_i, fiscal_fp) WHERE fiscal_fn IS NOT NULL;

CREATE TABLE receipt_lines (
    receipt_id  bigint NOT NULL REFERENCES receipts (id) ON DELETE CASCADE,
    line        integer NOT NULL CHECK (line > 0),
    sku         text NOT NULL,
    name        text NOT NULL,
    category    text NOT NULL,
    brand       text NOT NULL DEFAULT '',
    qty         integer NOT NULL CHECK (qty > 0),
    unit_price  numeric(14,2) NOT NULL CHECK (unit_price >= 0),
    discount    numeric(14,2) NOT NULL DEFAULT 0 CHECK (discount >= 0),
    vat_rate    numeric(5,2) NOT NULL CHECK (vat_rate >= 0),   -- percent
    PRIMARY KEY (receipt_id, line)
);

CREATE TABLE receipt_tenders (
    receipt_id    bigint NOT NULL REFERENCES receipts (id) ON DELETE CASCADE,
    seq           integer NOT NULL CHECK (seq > 0),
    type          text NOT NULL CHECK (type IN ('card', 'cash', 'gift_card', 'store_credit')),
    amount        numeric(14,2) NOT NULL CHECK (amount >= 0),   -- receipt currency
    card_last4    text CHECK (card_last4 IS NULL OR (type = 'card' AND card_last4 ~ '^[0-9]{4}$')),
    purchased_on  date NOT NULL,    -- copy of receipts.purchased_at::date, for the card search index
    PRIMARY KEY (receipt_id, seq)
);
CREATE INDEX receipt_tenders_by_card ON receipt_tenders (card_last4, purchased_on) WHERE card_last4 IS NOT NULL;

CREATE TABLE receipt_line_serials (
    receipt_id  bigint NOT NULL,
    line        integer NOT NULL,
    serial      text NOT NULL,
    PRIMARY KEY (receipt_id, line, serial),
    FOREIGN KEY (receipt_id, line) REFERENCES receipt_lines (receipt_id, line) ON DELETE CASCADE
);
CREATE INDEX receipt_line_serials_by_serial ON receipt_line_serials (serial);

CREATE TABLE returns (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    idempotency_key  text NOT NULL UNIQUE,
    store_code       text NOT NULL REFERENCES stores (code),
    terminal_id      bigint REFERENCES terminals (id),
    clerk_id         bigint NOT NULL REFERENCES users (id),
    receipt_id       bigint NOT NULL REFERENCES receipts (id),
    policy_version_id bigint NOT NULL REFERENCES policy_versions (id),
    resolution       text NOT NULL CHECK (resolution IN ('refund', 'store_credit', 'exchange', 'repair', 'replace')),
    outcome          text NOT NULL CHECK (outcome IN ('approved', 'partial', 'denied', 'needs_approval')),
    status           text NOT NULL DEFAULT 'open'
                     CHECK (status IN ('open', 'awaiting_manager', 'completed', 'voided')),
    currency         text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),   -- payout currency
    total_gross      numeric(14,2) NOT NULL DEFAULT 0,
    total_fee        numeric(14,2) NOT NULL DEFAULT 0,
    total_refund     numeric(14,2) NOT NULL DEFAULT 0,
    total_vat        numeric(14,2) NOT NULL DEFAULT 0,
    request_now      timestamp NOT NULL,             -- store-local wall time given to the engine
    created_at       timestamptz NOT NULL,
    completed_at     timestamptz,
    request_json     text NOT NULL CHECK (request_json::jsonb IS NOT NULL),
    decision_json    text NOT NULL CHECK (decision_json::jsonb IS NOT NULL)                   -- engine output, verbatim
);
CREATE INDEX returns_by_receipt ON returns (receipt_id);
CREATE INDEX returns_by_store_created ON returns (store_code, created_at);

CREATE TABLE return_lines (
    return_id     bigint NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    line_no       integer NOT NULL CHECK (line_no > 0),
    receipt_id    bigint NOT NULL,
    receipt_line  integer NOT NULL,
    qty           integer NOT NULL CHECK (qty > 0),
    -- units actually taken back and paid; history.returned = SUM(returned_qty)
    returned_qty  integer NOT NULL DEFAULT 0 CHECK (returned_qty >= 0 AND returned_qty <= qty),
    reason        text NOT NULL CHECK (reason IN ('change_of_mind', 'defective', 'not_as_described', 'wrong_item')),
    condition     text NOT NULL CHECK (condition IN ('unopened', 'opened', 'used', 'damaged')),
    outcome       text NOT NULL CHECK (outcome IN ('approved', 'denied', 'needs_approval', 'warranty_claim')),
    route         text NOT NULL CHECK (route IN ('refund', 'warranty', 'none')),
    reasons_json  text NOT NULL DEFAULT '[]' CHECK (reasons_json::jsonb IS NOT NULL),
    gross         numeric(14,2) NOT NULL DEFAULT 0,
    fee           numeric(14,2) NOT NULL DEFAULT 0,
    refund        numeric(14,2) NOT NULL DEFAULT 0,
    vat           numeric(14,2) NOT NULL DEFAULT 0,
    PRIMARY KEY (return_id, line_no),
    UNIQUE (return_id, receipt_line),
    FOREIGN KEY (receipt_id, receipt_line) REFERENCES receipt_lines (receipt_id, line)
);
CREATE INDEX return_lines_by_receipt_line ON return_lines (receipt_id, receipt_line) INCLUDE (returned_qty);

CREATE TABLE store_credit_vouchers (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code        text NOT NULL UNIQUE,
    store_code  text NOT NULL REFERENCES stores (code),
    return_id   bigint REFERENCES returns (id),
    currency    text NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    amount      numeric(14,2) NOT NULL CHECK (amount > 0),
    balance     numeric(14,2) NOT NULL CHECK (balance >= 0 AND balance <= amount),
    status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'spent', 'void')),
    issued_at   timestamptz NOT NULL,
    expires_on  date
);

CREATE TABLE return_refunds (
    return_id        bigint NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    seq              integer NOT NULL CHECK (seq > 0),
    type             text NOT NULL CHECK (type IN ('card', 'cash', 'gift_card', 'store_credit', 'exchange')),
    amount           numeric(14,2) NOT NULL CHECK (amount >= 0),          -- payout currency
    receipt_amount   numeric(14,2) NOT NULL CHECK (receipt_amount >= 0),  -- same money in receipt currency
    voucher_id       bigint REFERENCES store_credit_vouchers (id),
    PRIMARY KEY (return_id, seq)
);

CREATE TABLE approvals (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    return_id     bigint NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    receipt_line  integer,
    code          text NOT NULL,
    manager_id    bigint NOT NULL REFERENCES users (id),
    decision      text NOT NULL CHECK (decision IN ('approved', 'rejected')),
    reason        text NOT NULL CHECK (length(reason) > 0),
    decided_at    timestamptz NOT NULL
);
CREATE INDEX approvals_by_return ON approvals (return_id);

CREATE TABLE complaint_register (
    store_code      text NOT NULL REFERENCES stores (code),
    register_no     bigint NOT NULL CHECK (register_no > 0),
    registered_at   timestamptz NOT NULL,
    customer_name   text NOT NULL DEFAULT '',
    customer_contact text NOT NULL DEFAULT '',
    receipt_id      bigint REFERENCES receipts (id),
    return_id       bigint REFERENCES returns (id),
    subject         text NOT NULL,
    outcome         text,
    closed_at       timestamptz,
    PRIMARY KEY (store_code, register_no)
);

CREATE TABLE warranty_claims (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_code    text NOT NULL,
    register_no   bigint NOT NULL,
    return_id     bigint REFERENCES returns (id),
    receipt_id    bigint NOT NULL,
    receipt_line  integer NOT NULL,
    serial        text,
    basis         text NOT NULL CHECK (basis IN ('LEGAL_GUARANTEE', 'COMMERCIAL_WARRANTY', 'CONSUMER_PROOF_REQUIRED')),
    status        text NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'in_repair', 'resolved', 'rejected', 'closed')),
    defect        text NOT NULL,
    remedy        text CHECK (remedy IN ('repair', 'replace', 'refund', 'price_reduction', 'store_credit', 'exchange')),
    claimed_on    date NOT NULL,
    claim_due_by  date NOT NULL,
    legal_until   date,
    commercial_until date,
    resolved_on   date,
    UNIQUE (store_code, register_no),
    FOREIGN KEY (store_code, register_no) REFERENCES complaint_register (store_code, register_no),
    FOREIGN KEY (receipt_id, receipt_line) REFERENCES receipt_lines (receipt_id, line)
);
CREATE INDEX warranty_claims_open_by_due ON warranty_claims (store_code, claim_due_by)
    WHERE status IN ('open', 'in_repair');

CREATE TABLE audit_log (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at           timestamptz NOT NULL,
    user_id      bigint REFERENCES users (id),
    terminal_id  bigint REFERENCES terminals (id),
    store_code   text REFERENCES stores (code),
    action       text NOT NULL,
    entity       text NOT NULL,
    entity_id    text NOT NULL,
    details      text NOT NULL DEFAULT '{}' CHECK (details::jsonb IS NOT NULL)
);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_by_at ON audit_log (at);

CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
    FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
