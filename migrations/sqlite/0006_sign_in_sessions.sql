-- Sign-in that holds under attack, sessions that end, idempotency bound to the request.

-- Wrong PINs per login and desk (a login that does not exist is counted like one that does, so
-- both answer alike). A lock-out lasts longer each time (`lockouts`); a right PIN clears it.
CREATE TABLE sign_in_failures (
    login         TEXT NOT NULL,
    terminal      TEXT NOT NULL DEFAULT '',  -- the desk's code; '' when none was given
    failures      INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
    lockouts      INTEGER NOT NULL DEFAULT 0 CHECK (lockouts >= 0),
    locked_until  TEXT CHECK (locked_until IS NULL OR locked_until GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    PRIMARY KEY (login, terminal)
) STRICT;

-- Signed-in desks. Only a SHA-256 of the token is kept; a session ends on sign-out, lock,
-- idle timeout, its lifetime, or when its user is deactivated or changes role.
CREATE TABLE sessions (
    token_hash    TEXT PRIMARY KEY,
    user_id       INTEGER NOT NULL REFERENCES users (id),
    store_code    TEXT NOT NULL REFERENCES stores (code),
    terminal_id   INTEGER REFERENCES terminals (id),
    role          TEXT NOT NULL,  -- the role at sign-in: another role ends the session
    started_at    TEXT NOT NULL CHECK (started_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    last_seen_at  TEXT NOT NULL CHECK (last_seen_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    ended_at      TEXT CHECK (ended_at IS NULL OR ended_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]*+00:00'),
    end_reason    TEXT
) STRICT;
CREATE INDEX sessions_of_user ON sessions (user_id) WHERE ended_at IS NULL;

-- A confirmation's idempotency key is scoped to its store and desk (stored as
-- 'STORE/DESK/key') and bound to the request it came with: the same key with another request
-- is refused, never answered with another return.
ALTER TABLE returns ADD COLUMN request_hash TEXT;
