-- PostgreSQL version of ../sqlite/V10__missed_calls.sql: the same tables, with PostgreSQL's types.
-- Missed calls: what counts as missed is decided by the service (calllog.MissedCall) when a call's complete
-- record is first stored, with the line's missedAfterSeconds at that time; this schema keeps the result,
-- whether and when the call was told, and how it was followed up (called back, no need).

-- a caller who hangs up after ringing at least this long counts as a missed call (default 10 s)
ALTER TABLE line ADD COLUMN missed_after_seconds BIGINT NOT NULL DEFAULT 10;

CREATE TABLE missed_call (
    linkedid     TEXT PRIMARY KEY,              -- the call (call.linkedid); its number and name stay in call only
    line_id      TEXT    NOT NULL,
    started_at   BIGINT  NOT NULL,
    ended_at     BIGINT  NOT NULL,
    mode         TEXT,                          -- OPEN | FORWARDED when the call came in
    why          TEXT    NOT NULL CHECK (why IN ('nobody-reached', 'caller-gave-up')),
    source       TEXT    NOT NULL CHECK (source IN ('live', 'spool', 'backfill')),
    recorded_at  BIGINT  NOT NULL,              -- when the service stored it as missed (the spool: when collected)
    told_at      BIGINT,                        -- when its notices were written (null: not yet)
    outcome      TEXT CHECK (outcome IN ('called-back', 'no-need')),
    outcome_at   BIGINT,                        -- when the caller was called back (or it was judged no need)
    marked_by    TEXT,
    marked_at    BIGINT,
    note         TEXT
);
CREATE INDEX missed_call_line ON missed_call (line_id, started_at, linkedid);
CREATE INDEX missed_call_untold ON missed_call (recorded_at) WHERE told_at IS NULL;
-- "answered a later call": the same number's later calls on the line, an index probe per missed call
CREATE INDEX call_line_caller ON call (line_id, caller_number, started_at);

-- calls stored before this version are classified once, in the background, then the row goes
CREATE TABLE missed_backfill (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    before_at   BIGINT NOT NULL,                -- calls stored before this instant
    after_start BIGINT,                         -- progress: the last call classified (started_at, linkedid)
    after_id    TEXT
);
INSERT INTO missed_backfill (id, before_at) VALUES (1, CAST(EXTRACT(EPOCH FROM now()) * 1000 AS BIGINT));

-- a recipient's events become a list of words (unscheduled, switches, missed); 'all' meant unscheduled and switches
ALTER TABLE notify_recipient ADD COLUMN event_words TEXT NOT NULL DEFAULT 'unscheduled';
UPDATE notify_recipient SET event_words = CASE events WHEN 'all' THEN 'unscheduled,switches' ELSE 'unscheduled' END;
ALTER TABLE notify_recipient DROP COLUMN events;
ALTER TABLE notify_recipient RENAME COLUMN event_words TO events;
-- whether a missed call's caller number reaches the recipient in full or masked (the last four digits hidden)
ALTER TABLE notify_recipient ADD COLUMN numbers TEXT NOT NULL DEFAULT 'masked' CHECK (numbers IN ('masked', 'full'));

-- a fourth role: the reception desk, which reads the call-back list and marks calls as called back
ALTER TABLE app_user DROP CONSTRAINT IF EXISTS app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check CHECK (role IN ('admin', 'viewer', 'contractor', 'reception'));
ALTER TABLE api_token DROP CONSTRAINT IF EXISTS api_token_role_check;
ALTER TABLE api_token ADD CONSTRAINT api_token_role_check CHECK (role IN ('admin', 'viewer', 'contractor', 'reception'));
