-- The customer's word (issue 13): see migrations/sqlite/0021_customer_feedback.sql.
CREATE TABLE customer_feedback (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    store_code   text NOT NULL REFERENCES stores (code),
    terminal_id  bigint REFERENCES terminals (id),
    clerk_id     bigint NOT NULL REFERENCES users (id),
    return_id    bigint UNIQUE REFERENCES returns (id),
    claim_id     bigint UNIQUE REFERENCES warranty_claims (id),
    rating       bigint NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment      text NOT NULL DEFAULT '' CHECK (char_length(comment) <= 500),
    lang         text NOT NULL CHECK (lang IN ('en', 'bg', 'ru', 'el')),
    created_at   timestamptz NOT NULL,
    CHECK ((return_id IS NULL) <> (claim_id IS NULL))
);
CREATE INDEX customer_feedback_by_store_created ON customer_feedback (store_code, created_at);
