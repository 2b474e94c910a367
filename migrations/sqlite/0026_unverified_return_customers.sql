-- Issue 14: an unverified return counts in the SAME frequent-returner tally a receipt return
-- consults. A receipt return's customer is kept in return_customers by hashed identities
-- (card, phone, e-mail, loyalty, and now the identity document's keyed hash when the desk
-- takes it); an unverified return's identities (its ID document's key, and the phone, e-mail
-- or loyalty id the desk took) are kept here alike, in the return's transaction, and the count
-- reads both tables by key (src/store/queue.rs::customer_returns).
CREATE TABLE unverified_return_customers (
    unverified_id INTEGER NOT NULL REFERENCES unverified_returns (id),
    customer_key  TEXT NOT NULL CHECK (length(customer_key) = 64),
    store_code    TEXT NOT NULL REFERENCES stores (code),
    returned_at   TEXT NOT NULL CHECK (returned_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] [0-9][0-9]:[0-9][0-9]:[0-9][0-9]*'),  -- store-local
    PRIMARY KEY (unverified_id, customer_key)
) STRICT, WITHOUT ROWID;
CREATE INDEX unverified_return_customers_by_key ON unverified_return_customers (customer_key, store_code, returned_at);
