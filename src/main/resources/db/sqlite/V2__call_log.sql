-- The call log: one row per call on a managed line, keyed by Asterisk's Linkedid, and the windows when
-- the AMI connection was down (calls in them may be missing).

CREATE TABLE call (
    linkedid      TEXT PRIMARY KEY,
    line_id       TEXT    NOT NULL,
    did           TEXT,
    caller_number TEXT,              -- null when withheld; personal data (retention applies)
    caller_name   TEXT,
    started_at    INTEGER NOT NULL,
    mode          TEXT,              -- OPEN | FORWARDED when the call came in
    reason        TEXT,
    decided_by    TEXT,              -- agi | astdb | failsafe
    route         TEXT,              -- office | contractor | overflow | failsafe
    attempts      TEXT    NOT NULL,  -- JSON list of {target, dialString, status, began, ended}
    answered_by   TEXT    NOT NULL,  -- office | contractor | other | nobody
    answered_at   INTEGER,
    ended_at      INTEGER,
    ring_seconds  REAL,
    talk_seconds  REAL,
    hangup_cause  INTEGER,
    hangup_text   TEXT,
    status        TEXT    NOT NULL   -- IN_PROGRESS | COMPLETE | END_UNKNOWN
);
-- covering the statistics (no table lookups for a year of calls) and ordering the listings
CREATE INDEX call_line_started ON call (line_id, started_at, mode, answered_by, ring_seconds, linkedid);
CREATE INDEX call_started ON call (started_at, linkedid);
CREATE INDEX call_open ON call (status) WHERE status = 'IN_PROGRESS';

CREATE TABLE ami_gap (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    from_at INTEGER NOT NULL,
    to_at   INTEGER NOT NULL
);
CREATE INDEX ami_gap_from ON ami_gap (from_at);
