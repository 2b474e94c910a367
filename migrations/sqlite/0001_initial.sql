-- Return Desk schema, SQLite flavour (applied by sqlx::migrate!("migrations/sqlite")).
--
-- MONEY: every amount is an exact INTEGER of minor units (cents / stotinki / kopecks):
--        "8.82" is stored as 882. Read back as rust_decimal::Decimal::new(v, 2).
--        (sqlx 0.9 has no Decimal codec for SQLite, and REAL would not be exact.)
--        Rates use the same rule: vat_rate is hundredths of a percent (20% -> 2000,
--        9.5% -> 950), so every "decimal" column in this file is an integer scaled by 100.
-- TIME:  written and read through sqlx's chrono codecs, whose text forms are enforced below
--        by CHECK ... GLOB, so a hand-formatted string cannot slip in:
--          local wall time  chrono::NaiveDateTime  'YYYY-MM-DD HH:MM:SS[.f]'  (space; store time zone)
--                           purchased_at, request_now
--          instant          chrono::DateTime<Utc>  'YYYY-MM-DDTHH:MM:SS[.f]+00:00'  (RFC 3339, UTC)
--                           created_at, decided_at, at, ... (truncate to microseconds in Rust
--                           so SQLite and PostgreSQL round-trip the same value)
--          calendar date    chrono::NaiveDate      'YYYY-MM-DD'
--        Within a column every value has the same shape, so text order = time order.
--        Never DEFAULT CURRENT_TIMESTAMP: the clock is Rust's.
-- JSON:  policy defaults/rules, decisions and audit details are TEXT holding JSON,
--        parsed and validated in Rust (serde), checked here with json_valid().
-- BOOL:  INTEGER 0/1.
-- Tables are STRICT (SQLite >= 3.37): a TEXT or REAL can never slip into a money column.
-- Receipt lines, tenders and serials are WITHOUT ROWID, clustered on their primary key: a sale
-- is imported into one B-tree per table instead of a rowid table plus its key index.
-- The connection must run with PRAGMA foreign_keys = ON (SqliteConnectOptions::foreign_keys).

CREATE TABLE policies (
    policy_id   TEXT PRIMARY KEY,
    name        TEXT NOT NULL
) STRICT;

-- One row per published version; the version in force on a day is the one with the
-- greatest effective_from <= that day. Rows are never updated, only added.
CREATE TABLE policy_versions (
    id              INTEGER PRIMARY KEY,
    policy_id       TEXT NOT NULL REFERENCES policies (policy_id),
    version         INTEGER NOT NULL CHECK (version > 0),
    effective_from  TEXT NOT NULL CHECK (effective_from GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    defaults_json   TEXT NOT NULL CHECK (json_valid(defaults_json)),  -- evaluate.md "defaults"
    rules_json      TEXT NOT NULL CHECK (json_valid(rules_json)),  -- evaluate.md "rules" (array)
    created_by      INTEGER REFERENCES users (id),
    created_at      TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    UNIQUE (policy_id, version),
    UNIQUE (policy_id, effective_from)
) STRICT;

CREATE TABLE stores (
    code          TEXT PRIMARY KEY,  -- e.g. 'S01'
    name          TEXT NOT NULL,
    address       TEXT NOT NULL DEFAULT '',
    jurisdiction  TEXT NOT NULL CHECK (jurisdiction IN ('EU', 'BG', 'GR', 'RU')),
    currency      TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),  -- what refunds are paid in
    time_zone     TEXT NOT NULL,  -- IANA name, e.g. 'Europe/Sofia'
    policy_id     TEXT NOT NULL REFERENCES policies (policy_id)
) STRICT;

-- Public holidays of a store (evaluate.md store.holidays), for the working-day extension.
CREATE TABLE store_holidays (
    store_code  TEXT NOT NULL REFERENCES stores (code) ON DELETE CASCADE,
    day         TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    name        TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (store_code, day)
) STRICT;

-- Per-store sequences (complaint register numbers, voucher numbers...). Taken with
-- UPDATE ... SET last_value = last_value + 1 ... RETURNING last_value inside the write
-- transaction, so two desks never get the same number.
CREATE TABLE store_counters (
    store_code  TEXT NOT NULL REFERENCES stores (code),
    counter     TEXT NOT NULL,  -- 'complaint_register', 'voucher'
    last_value  INTEGER NOT NULL DEFAULT 0 CHECK (last_value >= 0),
    PRIMARY KEY (store_code, counter)
) STRICT;

-- Desks (terminals) of a store.
CREATE TABLE terminals (
    id          INTEGER PRIMARY KEY,
    store_code  TEXT NOT NULL REFERENCES stores (code),
    code        TEXT NOT NULL,  -- e.g. 'DESK-1'
    name        TEXT NOT NULL DEFAULT '',
    active      INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    UNIQUE (store_code, code)
) STRICT;

CREATE TABLE users (
    id               INTEGER PRIMARY KEY,
    store_code       TEXT REFERENCES stores (code),  -- NULL: may work in every store
    login            TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('clerk', 'manager')),
    pin_hash         TEXT NOT NULL CHECK (pin_hash LIKE '$argon2%'),  -- PHC string
    failed_attempts  INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until     TEXT CHECK (locked_until IS NULL OR locked_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),  -- UTC instant, NULL when not locked
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00')
) STRICT;

-- Catalogue. Receipt lines keep their own copy of name/category/brand as sold,
-- so a receipt imports even when its SKU is not (yet) in the catalogue.
CREATE TABLE products (
    sku             TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    category        TEXT NOT NULL,
    brand           TEXT NOT NULL DEFAULT '',
    serial_tracked  INTEGER NOT NULL DEFAULT 0 CHECK (serial_tracked IN (0, 1))
) STRICT;

CREATE TABLE receipts (
    id                INTEGER PRIMARY KEY,
    store_code        TEXT NOT NULL REFERENCES stores (code),
    number            TEXT NOT NULL,  -- e.g. 'S01-2026-004512'
    purchased_at      TEXT NOT NULL CHECK (purchased_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'),  -- store-local wall time
    channel           TEXT NOT NULL CHECK (channel IN ('store', 'online')),
    delivered_on      TEXT CHECK (delivered_on IS NULL OR delivered_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),  -- online only; NULL = purchase date
    currency          TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    receipt_discount  INTEGER NOT NULL DEFAULT 0 CHECK (receipt_discount >= 0),  -- cents
    total_paid        INTEGER NOT NULL CHECK (total_paid >= 0),  -- cents, = sum of tenders
    barcode           TEXT,  -- printed receipt barcode
    -- Russian fiscal receipt QR (t=...&s=...&fn=...&i=...&fp=...&n=...), kept as printed:
    fiscal_fn         TEXT,  -- fiscal drive number (ФН)
    fiscal_i          TEXT,  -- fiscal document number (ФД)
    fiscal_fp         TEXT,  -- fiscal sign (ФП/ФПД)
    fiscal_s          INTEGER,  -- total from the QR, cents
    content_hash      TEXT NOT NULL,  -- sha256 of the canonical receipt JSON: a re-import of (store, number) compares it; (store, number) is the key
    imported_at       TEXT NOT NULL CHECK (imported_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),  -- UTC instant
    UNIQUE (store_code, number),
    CHECK ((fiscal_fn IS NULL) = (fiscal_i IS NULL) AND (fiscal_fn IS NULL) = (fiscal_fp IS NULL))
) STRICT;
-- (store_code, number) is covered by the UNIQUE constraint's index.
-- A scanned receipt number without its store (the desk's lookup) must never scan the table.
CREATE INDEX receipts_by_number ON receipts (number);
CREATE INDEX receipts_by_barcode ON receipts (barcode) WHERE barcode IS NOT NULL;
CREATE INDEX receipts_by_fiscal ON receipts (fiscal_fn, fiscal_i, fiscal_fp) WHERE fiscal_fn IS NOT NULL;

CREATE TABLE receipt_lines (
    receipt_id  INTEGER NOT NULL REFERENCES receipts (id) ON DELETE CASCADE,
    line        INTEGER NOT NULL CHECK (line > 0),
    sku         TEXT NOT NULL,
    name        TEXT NOT NULL,
    category    TEXT NOT NULL,
    brand       TEXT NOT NULL DEFAULT '',
    qty         INTEGER NOT NULL CHECK (qty > 0),
    unit_price  INTEGER NOT NULL CHECK (unit_price >= 0),  -- cents
    discount    INTEGER NOT NULL DEFAULT 0 CHECK (discount >= 0),  -- line discount total, cents
    vat_rate    INTEGER NOT NULL CHECK (vat_rate >= 0),  -- hundredths of a percent: 20% = 2000
    PRIMARY KEY (receipt_id, line)
) STRICT, WITHOUT ROWID;

CREATE TABLE receipt_tenders (
    receipt_id    INTEGER NOT NULL REFERENCES receipts (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL CHECK (seq > 0),  -- order on the receipt
    type          TEXT NOT NULL CHECK (type IN ('card', 'cash', 'gift_card', 'store_credit')),
    amount        INTEGER NOT NULL CHECK (amount >= 0),  -- cents, receipt currency
    card_last4    TEXT CHECK (card_last4 IS NULL OR (type = 'card' AND card_last4 GLOB '[0-9][0-9][0-9][0-9]')),
    purchased_on  TEXT NOT NULL CHECK (purchased_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),  -- copy of date(receipts.purchased_at), for the card search index
    PRIMARY KEY (receipt_id, seq)
) STRICT, WITHOUT ROWID;
-- "Find the receipt paid with card ...1234 on 2026-10-01".
CREATE INDEX receipt_tenders_by_card ON receipt_tenders (card_last4, purchased_on) WHERE card_last4 IS NOT NULL;

CREATE TABLE receipt_line_serials (
    receipt_id  INTEGER NOT NULL,
    line        INTEGER NOT NULL,
    serial      TEXT NOT NULL,
    PRIMARY KEY (receipt_id, line, serial),
    FOREIGN KEY (receipt_id, line) REFERENCES receipt_lines (receipt_id, line) ON DELETE CASCADE
) STRICT, WITHOUT ROWID;
CREATE INDEX receipt_line_serials_by_serial ON receipt_line_serials (serial);

-- A return case: one evaluated request at the desk (evaluate.md output + who/where).
CREATE TABLE returns (
    id               INTEGER PRIMARY KEY,
    idempotency_key  TEXT NOT NULL UNIQUE,  -- from the desk/API; a retry returns the same case
    store_code       TEXT NOT NULL REFERENCES stores (code),
    terminal_id      INTEGER REFERENCES terminals (id),
    clerk_id         INTEGER NOT NULL REFERENCES users (id),
    receipt_id       INTEGER NOT NULL REFERENCES receipts (id),
    policy_version_id INTEGER NOT NULL REFERENCES policy_versions (id),
    resolution       TEXT NOT NULL CHECK (resolution IN ('refund', 'store_credit', 'exchange', 'repair', 'replace')),
    outcome          TEXT NOT NULL CHECK (outcome IN ('approved', 'partial', 'denied', 'needs_approval')),
    status           TEXT NOT NULL DEFAULT 'open'
                     CHECK (status IN ('open', 'awaiting_manager', 'completed', 'voided')),
    currency         TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),  -- payout currency
    total_gross      INTEGER NOT NULL DEFAULT 0,  -- cents, payout currency
    total_fee        INTEGER NOT NULL DEFAULT 0,
    total_refund     INTEGER NOT NULL DEFAULT 0,
    total_vat        INTEGER NOT NULL DEFAULT 0,
    request_now      TEXT NOT NULL CHECK (request_now GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'),  -- store-local wall time given to the engine
    created_at       TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),  -- UTC instant
    completed_at     TEXT CHECK (completed_at IS NULL OR completed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    request_json     TEXT NOT NULL CHECK (json_valid(request_json)),  -- what was asked
    decision_json    TEXT NOT NULL CHECK (json_valid(decision_json))  -- engine output, verbatim
) STRICT;
CREATE INDEX returns_by_receipt ON returns (receipt_id);
CREATE INDEX returns_by_store_created ON returns (store_code, created_at);

CREATE TABLE return_lines (
    return_id     INTEGER NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    line_no       INTEGER NOT NULL CHECK (line_no > 0),  -- position in the request
    receipt_id    INTEGER NOT NULL,
    receipt_line  INTEGER NOT NULL,
    qty           INTEGER NOT NULL CHECK (qty > 0),  -- requested
    -- Units actually taken back and paid (0 for denied, warranty, voided): the
    -- "already returned" of evaluate.md history.returned is SUM(returned_qty).
    returned_qty  INTEGER NOT NULL DEFAULT 0 CHECK (returned_qty >= 0 AND returned_qty <= qty),
    reason        TEXT NOT NULL CHECK (reason IN ('change_of_mind', 'defective', 'not_as_described', 'wrong_item')),
    condition     TEXT NOT NULL CHECK (condition IN ('unopened', 'opened', 'used', 'damaged')),
    outcome       TEXT NOT NULL CHECK (outcome IN ('approved', 'denied', 'needs_approval', 'warranty_claim')),
    route         TEXT NOT NULL CHECK (route IN ('refund', 'warranty', 'none')),
    reasons_json  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(reasons_json)),  -- [{code, overridable}]
    gross         INTEGER NOT NULL DEFAULT 0,  -- cents, payout currency
    fee           INTEGER NOT NULL DEFAULT 0,
    refund        INTEGER NOT NULL DEFAULT 0,
    vat           INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (return_id, line_no),
    UNIQUE (return_id, receipt_line),
    FOREIGN KEY (receipt_id, receipt_line) REFERENCES receipt_lines (receipt_id, line)
) STRICT;
-- Sum of already-returned units per receipt line (covering index).
CREATE INDEX return_lines_by_receipt_line ON return_lines (receipt_id, receipt_line, returned_qty);

-- Money paid out for a case, per tender (evaluate.md output.tenders).
CREATE TABLE return_refunds (
    return_id        INTEGER NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    seq              INTEGER NOT NULL CHECK (seq > 0),
    type             TEXT NOT NULL CHECK (type IN ('card', 'cash', 'gift_card', 'store_credit', 'exchange')),
    amount           INTEGER NOT NULL CHECK (amount >= 0),  -- cents, payout currency (returns.currency)
    -- the same money in the receipt's currency: history.tender_refunded is SUM(receipt_amount) per type
    receipt_amount   INTEGER NOT NULL CHECK (receipt_amount >= 0),
    voucher_id       INTEGER REFERENCES store_credit_vouchers (id),
    PRIMARY KEY (return_id, seq)
) STRICT;

-- Manager overrides and approvals: of one line's denial (receipt_line set) or of a
-- case-level approval such as AMOUNT_OVER_LIMIT / FREQUENT_RETURNS (receipt_line NULL).
CREATE TABLE approvals (
    id            INTEGER PRIMARY KEY,
    return_id     INTEGER NOT NULL REFERENCES returns (id) ON DELETE CASCADE,
    receipt_line  INTEGER,
    code          TEXT NOT NULL,  -- reason or approval code being decided
    manager_id    INTEGER NOT NULL REFERENCES users (id),
    decision      TEXT NOT NULL CHECK (decision IN ('approved', 'rejected')),
    reason        TEXT NOT NULL CHECK (length(reason) > 0),  -- the manager's words
    decided_at    TEXT NOT NULL CHECK (decided_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00')
) STRICT;
CREATE INDEX approvals_by_return ON approvals (return_id);

-- The store's complaint register (e.g. BG consumer protection law's register of complaints):
-- one consecutive number per store, taken from store_counters('complaint_register').
CREATE TABLE complaint_register (
    store_code      TEXT NOT NULL REFERENCES stores (code),
    register_no     INTEGER NOT NULL CHECK (register_no > 0),
    registered_at   TEXT NOT NULL CHECK (registered_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),  -- UTC instant
    customer_name   TEXT NOT NULL DEFAULT '',
    customer_contact TEXT NOT NULL DEFAULT '',
    receipt_id      INTEGER REFERENCES receipts (id),
    return_id       INTEGER REFERENCES returns (id),
    subject         TEXT NOT NULL,
    outcome         TEXT,
    closed_at       TEXT CHECK (closed_at IS NULL OR closed_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    PRIMARY KEY (store_code, register_no)
) STRICT;

CREATE TABLE warranty_claims (
    id            INTEGER PRIMARY KEY,
    store_code    TEXT NOT NULL,
    register_no   INTEGER NOT NULL,
    return_id     INTEGER REFERENCES returns (id),
    receipt_id    INTEGER NOT NULL,
    receipt_line  INTEGER NOT NULL,
    serial        TEXT,
    basis         TEXT NOT NULL CHECK (basis IN ('LEGAL_GUARANTEE', 'COMMERCIAL_WARRANTY', 'CONSUMER_PROOF_REQUIRED')),
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'in_repair', 'resolved', 'rejected', 'closed')),
    defect        TEXT NOT NULL,
    remedy        TEXT CHECK (remedy IN ('repair', 'replace', 'refund', 'price_reduction', 'store_credit', 'exchange')),
    claimed_on    TEXT NOT NULL CHECK (claimed_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),  -- store-local date of the claim
    claim_due_by  TEXT NOT NULL CHECK (claim_due_by GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),  -- evaluate.md warranty.claim_due_by
    legal_until   TEXT CHECK (legal_until IS NULL OR legal_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    commercial_until TEXT CHECK (commercial_until IS NULL OR commercial_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    resolved_on   TEXT CHECK (resolved_on IS NULL OR resolved_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    UNIQUE (store_code, register_no),
    FOREIGN KEY (store_code, register_no) REFERENCES complaint_register (store_code, register_no),
    FOREIGN KEY (receipt_id, receipt_line) REFERENCES receipt_lines (receipt_id, line)
) STRICT;
CREATE INDEX warranty_claims_open_by_due ON warranty_claims (store_code, claim_due_by)
    WHERE status IN ('open', 'in_repair');

CREATE TABLE store_credit_vouchers (
    id          INTEGER PRIMARY KEY,
    code        TEXT NOT NULL UNIQUE,  -- printed on the voucher
    store_code  TEXT NOT NULL REFERENCES stores (code),
    return_id   INTEGER REFERENCES returns (id),
    currency    TEXT NOT NULL CHECK (currency IN ('EUR', 'BGN', 'RUB')),
    amount      INTEGER NOT NULL CHECK (amount > 0),  -- cents issued
    balance     INTEGER NOT NULL CHECK (balance >= 0 AND balance <= amount),  -- cents left
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'spent', 'void')),
    issued_at   TEXT NOT NULL CHECK (issued_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    expires_on  TEXT CHECK (expires_on IS NULL OR expires_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]')
) STRICT;

-- Append-only trail: who did what, when, to which entity.
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL CHECK (at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),  -- UTC instant
    user_id      INTEGER REFERENCES users (id),
    terminal_id  INTEGER REFERENCES terminals (id),
    store_code   TEXT REFERENCES stores (code),
    action       TEXT NOT NULL,  -- 'return.create', 'approval.grant', 'user.lock', ...
    entity       TEXT NOT NULL,  -- 'return', 'receipt', 'user', ...
    entity_id    TEXT NOT NULL,
    details      TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(details))
) STRICT;
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_by_at ON audit_log (at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
