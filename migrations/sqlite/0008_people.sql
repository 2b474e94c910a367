-- no-transaction
-- People at the desk (issue 12): administrators next to clerks and managers, what each user may
-- pay out or approve, the stores each user works in, and a store's own ids and language.
--
-- SQLite cannot change a CHECK constraint in place: `users` is rebuilt the documented way
-- (foreign keys off, new table, copy, drop, rename), in one transaction of its own.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE users_new (
    id               INTEGER PRIMARY KEY,
    store_code       TEXT REFERENCES stores (code),  -- the user's home store; NULL: none set (see user_stores)
    login            TEXT NOT NULL UNIQUE,
    display_name     TEXT NOT NULL,
    role             TEXT NOT NULL CHECK (role IN ('clerk', 'manager', 'administrator')),
    pin_hash         TEXT NOT NULL CHECK (pin_hash LIKE '$argon2%'),  -- PHC string
    failed_attempts  INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
    locked_until     TEXT CHECK (locked_until IS NULL OR locked_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    active           INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at       TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    -- cents, in the store's payout currency; NULL: no limit of the user's own
    refund_limit     INTEGER CHECK (refund_limit IS NULL OR refund_limit >= 0),    -- the refund this user pays without a manager
    approval_limit   INTEGER CHECK (approval_limit IS NULL OR approval_limit >= 0)  -- the refund or override this user may approve
) STRICT;

INSERT INTO users_new (id, store_code, login, display_name, role, pin_hash, failed_attempts, locked_until, active, created_at)
SELECT id, store_code, login, display_name, role, pin_hash, failed_attempts, locked_until, active, created_at FROM users;

DROP TABLE users;
ALTER TABLE users_new RENAME TO users;

-- The stores a user works in (sign-in at a store's desk needs a row here). A user who could
-- work in every store (store_code NULL) keeps every store that exists now.
CREATE TABLE user_stores (
    user_id     INTEGER NOT NULL REFERENCES users (id),
    store_code  TEXT NOT NULL REFERENCES stores (code),
    PRIMARY KEY (user_id, store_code)
) STRICT, WITHOUT ROWID;
CREATE INDEX user_stores_by_store ON user_stores (store_code);
INSERT INTO user_stores (user_id, store_code)
SELECT u.id, s.code FROM users u JOIN stores s ON u.store_code IS NULL OR u.store_code = s.code;

-- What the setup screen asks of a store and the slips print.
ALTER TABLE stores ADD COLUMN vat_id TEXT NOT NULL DEFAULT '';
ALTER TABLE stores ADD COLUMN company_id TEXT NOT NULL DEFAULT '';
ALTER TABLE stores ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'bg', 'ru', 'el'));

COMMIT;
PRAGMA foreign_keys = ON;
