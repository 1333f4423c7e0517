-- PostgreSQL version of ../V2__call_log.sql: the same tables, with PostgreSQL's types.
-- The call log: one row per call on a managed line, keyed by Asterisk's Linkedid, and the windows when
-- the AMI connection was down (calls in them may be missing).

CREATE TABLE call (
    linkedid      TEXT PRIMARY KEY,
    line_id       TEXT    NOT NULL,
    did           TEXT,
    caller_number TEXT,              -- null when withheld; personal data (retention applies)
    caller_name   TEXT,
    started_at    BIGINT NOT NULL,
    mode          TEXT,              -- OPEN | FORWARDED when the call came in
    reason        TEXT,
    decided_by    TEXT,              -- agi | astdb | failsafe
    route         TEXT,              -- office | contractor | overflow | failsafe
    attempts      TEXT    NOT NULL,  -- JSON list of {target, dialString, status, began, ended}
    answered_by   TEXT    NOT NULL,  -- office | contractor | other | nobody
    answered_at   BIGINT,
    ended_at      BIGINT,
    ring_seconds  DOUBLE PRECISION,
    talk_seconds  DOUBLE PRECISION,
    hangup_cause  BIGINT,
    hangup_text   TEXT,
    status        TEXT    NOT NULL   -- IN_PROGRESS | COMPLETE | END_UNKNOWN
);
-- covering the statistics (no table lookups for a year of calls) and ordering the listings
CREATE INDEX call_line_started ON call (line_id, started_at, mode, answered_by, ring_seconds, linkedid);
CREATE INDEX call_started ON call (started_at, linkedid);
CREATE INDEX call_open ON call (status) WHERE status = 'IN_PROGRESS';

CREATE TABLE ami_gap (
    id      BIGSERIAL PRIMARY KEY,
    from_at BIGINT NOT NULL,
    to_at   BIGINT NOT NULL
);
CREATE INDEX ami_gap_from ON ami_gap (from_at);
