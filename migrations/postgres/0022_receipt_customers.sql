-- Issue 16: a customer's receipts found by phone, e-mail or name, where the sale recorded who
-- bought: see migrations/sqlite/0022_receipt_customers.sql.
CREATE TABLE receipt_customers (
    receipt_id  bigint PRIMARY KEY REFERENCES receipts (id) ON DELETE CASCADE,
    store_code  text NOT NULL REFERENCES stores (code),
    name        text NOT NULL DEFAULT '',
    name_key    text NOT NULL DEFAULT '',
    phone       text NOT NULL DEFAULT '',
    phone_key   text NOT NULL DEFAULT '',
    phone_tail  text NOT NULL DEFAULT '',
    email       text NOT NULL DEFAULT '',
    email_key   text NOT NULL DEFAULT ''
);
CREATE INDEX receipt_customers_by_phone ON receipt_customers (phone_tail) WHERE phone_tail <> '';
CREATE INDEX receipt_customers_by_email ON receipt_customers (email_key) WHERE email_key <> '';
CREATE INDEX receipt_customers_by_store ON receipt_customers (store_code, name_key);
