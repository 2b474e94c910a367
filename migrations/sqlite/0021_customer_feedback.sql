-- The customer's word (issue 13): after a return or a warranty claim, the customer rates the
-- service 1–5 on the customer view and may leave a comment. The rating belongs to the return
-- (or the claim), the desk and the clerk who did it; one rating per return, one per claim.
-- Reports read it by store and period: (store_code, created_at).
CREATE TABLE customer_feedback (
    id           INTEGER PRIMARY KEY,
    store_code   TEXT NOT NULL REFERENCES stores (code),
    terminal_id  INTEGER REFERENCES terminals (id),
    clerk_id     INTEGER NOT NULL REFERENCES users (id),
    return_id    INTEGER UNIQUE REFERENCES returns (id),
    claim_id     INTEGER UNIQUE REFERENCES warranty_claims (id),
    rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    comment      TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 500),
    lang         TEXT NOT NULL CHECK (lang IN ('en', 'bg', 'ru', 'el')),
    created_at   TEXT NOT NULL CHECK (created_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),  -- UTC instant
    CHECK ((return_id IS NULL) <> (claim_id IS NULL))
) STRICT;
CREATE INDEX customer_feedback_by_store_created ON customer_feedback (store_code, created_at);
