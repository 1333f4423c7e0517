-- PostgreSQL version of ../V1__lines_schedules_switches.sql: the same tables, with PostgreSQL's types.
-- Lines, their schedules, manual overrides, the switch history and the audit trail.
-- Instants are epoch milliseconds (UTC); dates are ISO yyyy-mm-dd in the line's zone.

CREATE TABLE line (
    id               TEXT PRIMARY KEY,
    name             TEXT    NOT NULL,
    zone             TEXT    NOT NULL,
    office_dial      TEXT    NOT NULL,
    contractor_dial  TEXT    NOT NULL,
    failsafe_dial    TEXT    NOT NULL,
    ring_seconds     BIGINT NOT NULL,
    callerid_prefix  TEXT    NOT NULL,
    holiday_country  TEXT    NOT NULL,
    holiday_ignore   TEXT    NOT NULL,  -- comma-separated holiday keys
    holiday_language TEXT    NOT NULL,
    created_at       BIGINT NOT NULL,
    updated_at       BIGINT NOT NULL
);

CREATE TABLE line_number (
    number   TEXT PRIMARY KEY,
    line_id  TEXT    NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    position BIGINT NOT NULL
);

CREATE TABLE weekly_range (
    line_id      TEXT    NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    weekday      BIGINT NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    start_minute BIGINT NOT NULL,
    end_minute   BIGINT NOT NULL,
    PRIMARY KEY (line_id, weekday, start_minute)
);

CREATE TABLE exception_day (
    id         BIGSERIAL PRIMARY KEY,
    line_id    TEXT NOT NULL REFERENCES line (id) ON DELETE CASCADE,
    first_date TEXT NOT NULL,
    last_date  TEXT NOT NULL,
    hours      TEXT NOT NULL,  -- comma-separated HH:MM-HH:MM ranges; empty = closed all day
    note       TEXT
);
CREATE INDEX exception_day_line ON exception_day (line_id, first_date);

CREATE TABLE manual_override (
    line_id   TEXT PRIMARY KEY REFERENCES line (id) ON DELETE CASCADE,
    mode      TEXT    NOT NULL CHECK (mode IN ('OPEN', 'FORWARDED')),
    starts_at BIGINT NOT NULL,
    until     BIGINT,          -- null: until the next scheduled change
    set_by    TEXT,
    note      TEXT
);

CREATE TABLE switch (
    id           BIGSERIAL PRIMARY KEY,
    line_id      TEXT    NOT NULL,
    effective_at BIGINT NOT NULL,  -- when the schedule says the change happened
    applied_at   BIGINT NOT NULL,  -- when the service applied it (later after downtime)
    from_mode    TEXT,              -- null for the first state ever recorded
    to_mode      TEXT    NOT NULL,
    reason       TEXT    NOT NULL,
    detail       TEXT,
    trigger      TEXT    NOT NULL
);
CREATE INDEX switch_line_applied ON switch (line_id, applied_at);

CREATE TABLE audit (
    id      BIGSERIAL PRIMARY KEY,
    at      BIGINT NOT NULL,
    actor   TEXT    NOT NULL,
    action  TEXT    NOT NULL,
    line_id TEXT,
    before  TEXT,   -- JSON
    after   TEXT    -- JSON
);
CREATE INDEX audit_at ON audit (at);
