-- People at the desk (issue 12): administrators next to clerks and managers, what each user may
-- pay out or approve, the stores each user works in, and a store's own ids and language.
ALTER TABLE users DROP CONSTRAINT users_role_check;
ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ('clerk', 'manager', 'administrator'));
-- in the store's payout currency; NULL: no limit of the user's own
ALTER TABLE users ADD COLUMN refund_limit numeric(14,2) CHECK (refund_limit IS NULL OR refund_limit >= 0);     -- the refund this user pays without a manager
ALTER TABLE users ADD COLUMN approval_limit numeric(14,2) CHECK (approval_limit IS NULL OR approval_limit >= 0); -- the refund or override this user may approve
COMMENT ON COLUMN users.store_code IS 'the user''s home store; NULL: none set (see user_stores)';

-- The stores a user works in (sign-in at a store's desk needs a row here). A user who could
-- work in every store (store_code NULL) keeps every store that exists now.
CREATE TABLE user_stores (
    user_id     bigint NOT NULL REFERENCES users (id),
    store_code  text NOT NULL REFERENCES stores (code),
    PRIMARY KEY (user_id, store_code)
);
CREATE INDEX user_stores_by_store ON user_stores (store_code);
INSERT INTO user_stores (user_id, store_code)
SELECT u.id, s.code FROM users u JOIN stores s ON u.store_code IS NULL OR u.store_code = s.code;

-- What the setup screen asks of a store and the slips print.
ALTER TABLE stores ADD COLUMN vat_id text NOT NULL DEFAULT '';
ALTER TABLE stores ADD COLUMN company_id text NOT NULL DEFAULT '';
ALTER TABLE stores ADD COLUMN language text NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'bg', 'ru', 'el'));
