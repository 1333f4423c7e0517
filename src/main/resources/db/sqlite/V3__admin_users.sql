-- People and scripts that may use the admin endpoint. Passwords and tokens are stored only as hashes.

CREATE TABLE app_user (
    name          TEXT PRIMARY KEY,
    role          TEXT    NOT NULL CHECK (role IN ('admin', 'viewer', 'contractor')),
    password_hash TEXT    NOT NULL,  -- bcrypt
    created_at    INTEGER NOT NULL
);

CREATE TABLE api_token (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    label      TEXT    NOT NULL,
    role       TEXT    NOT NULL CHECK (role IN ('admin', 'viewer', 'contractor')),
    token_hash TEXT    NOT NULL UNIQUE,  -- SHA-256 of a 256-bit random token
    created_at INTEGER NOT NULL
);
