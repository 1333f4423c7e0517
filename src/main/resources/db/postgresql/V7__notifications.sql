-- PostgreSQL version of ../V7__notifications.sql: the same tables, with PostgreSQL's types.
-- Who is told of a line's changes, and the messages on their way: the outbox is written in the same
-- transaction as the change that causes a message, and a background worker delivers it.

CREATE TABLE IF NOT EXISTS notify_recipient (
    id           BIGSERIAL PRIMARY KEY,
    line_id      TEXT    NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    name         TEXT    NOT NULL,
    channel      TEXT    NOT NULL CHECK (channel IN ('email', 'webhook')),
    address      TEXT    NOT NULL,              -- an e-mail address or an https/http URL
    secret       TEXT,                          -- the webhook's HMAC key, or env:NAME to read it from the environment
    language     TEXT    NOT NULL CHECK (language IN ('sv', 'en')),
    events       TEXT    NOT NULL CHECK (events IN ('unscheduled', 'all')),
    down_minutes INTEGER NOT NULL,              -- tell when the PBX link is down for this long
    created_at   BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS notify_recipient_line ON notify_recipient (line_id);

CREATE TABLE IF NOT EXISTS notify_outbox (
    id              BIGSERIAL PRIMARY KEY,
    delivery_id     TEXT    NOT NULL UNIQUE,    -- sent with the message, for the receiver's de-duplication
    recipient_id    BIGINT NOT NULL REFERENCES notify_recipient (id) ON DELETE CASCADE,
    line_id         TEXT    NOT NULL,
    event           TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,           -- the text in the recipient's language
    payload         TEXT    NOT NULL,           -- the webhook's JSON
    created_at      BIGINT NOT NULL,
    status          TEXT    NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    claimed_by      TEXT,                       -- the instance delivering it now ...
    claimed_until   BIGINT,                    -- ... until then (a crashed instance's claim runs out)
    last_error      TEXT,
    sent_at         BIGINT
);
CREATE INDEX IF NOT EXISTS notify_outbox_due ON notify_outbox (status, next_attempt_at);
CREATE INDEX IF NOT EXISTS notify_outbox_line ON notify_outbox (line_id, id);

-- each running instance's last sign of life, every 30 s: at a start after all were silent longer than a
-- recipient's downMinutes, the recipient is told the service was down, from when to when
CREATE TABLE IF NOT EXISTS service_heartbeat (
    instance TEXT PRIMARY KEY,
    at       BIGINT NOT NULL
);
