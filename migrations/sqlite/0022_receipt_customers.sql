-- Issue 16: a customer's receipts found by phone, e-mail or name, where the sale recorded who
-- bought (a loyalty card, an online order). One row per receipt that names its customer; the
-- keys are what a search compares (made in Rust, the same on both backends):
--   name_key   the name in lower case, spaces collapsed (Cyrillic and Greek too);
--   phone_key  the phone's digits without leading zeros (0881 234 567 -> 881234567,
--              +359 881 234 567 -> 359881234567); a national number ends the international one;
--   phone_tail its last 7 digits: the index a phone search looks up, then compared whole;
--   email_key  the e-mail in lower case.
CREATE TABLE receipt_customers (
    receipt_id  INTEGER PRIMARY KEY REFERENCES receipts (id) ON DELETE CASCADE,
    store_code  TEXT NOT NULL REFERENCES stores (code),
    name        TEXT NOT NULL DEFAULT '',
    name_key    TEXT NOT NULL DEFAULT '',
    phone       TEXT NOT NULL DEFAULT '',
    phone_key   TEXT NOT NULL DEFAULT '',
    phone_tail  TEXT NOT NULL DEFAULT '',
    email       TEXT NOT NULL DEFAULT '',
    email_key   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX receipt_customers_by_phone ON receipt_customers (phone_tail) WHERE phone_tail <> '';
CREATE INDEX receipt_customers_by_email ON receipt_customers (email_key) WHERE email_key <> '';
CREATE INDEX receipt_customers_by_store ON receipt_customers (store_code, name_key);
