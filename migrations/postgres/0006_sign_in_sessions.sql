-- Sign-in that holds under attack, sessions that end, idempotency bound to the request.

-- Wrong PINs per login and desk (a login that does not exist is counted like one that does, so
-- both answer alike). A lock-out lasts longer each time (`lockouts`); a right PIN clears it.
CREATE TABLE sign_in_failures (
    login         text NOT NULL,
    terminal      text NOT NULL DEFAULT '',
    failures      bigint NOT NULL DEFAULT 0 CHECK (failures >= 0),
    lockouts      bigint NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
    locked_until  timestamptz,
    PRIMARY KEY (login, terminal)
);

-- Signed-in desks. Only a SHA-256 of the token is kept; a session ends on sign-out, lock,
-- idle timeout, its lifetime, or when its user is deactivated or changes role.
CREATE TABLE sessions (
    token_hash    text PRIMARY KEY,
    user_id       bigint NOT NULL REFERENCES users (id),
    store_code    text NOT NULL REFERENCES stores (code),
    terminal_id   bigint REFERENCES terminals (id),
    role          text NOT NULL,
    started_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    ended_at      timestamptz,
    end_reason    text
);
CREATE INDEX sessions_of_user ON sessions (user_id) WHERE ended_at IS NULL;

ALTER TABLE returns ADD COLUMN request_hash text;
