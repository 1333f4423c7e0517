-- Call records the database refused: kept with the reason instead of blocking the writer behind them.
CREATE TABLE call_quarantine (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    linkedid       TEXT    NOT NULL,
    record         TEXT    NOT NULL,
    reason         TEXT    NOT NULL,
    quarantined_at INTEGER NOT NULL
);

-- An AMI gap may be open (to_at NULL): the connection is down now. SQLite cannot drop NOT NULL in place.
CREATE TABLE ami_gap_open (
    id      INTEGER PRIMARY KEY AUTOINCREMENT,
    from_at INTEGER NOT NULL,
    to_at   INTEGER
);
INSERT INTO ami_gap_open (id, from_at, to_at) SELECT id, from_at, to_at FROM ami_gap;
DROP TABLE ami_gap;
ALTER TABLE ami_gap_open RENAME TO ami_gap;
CREATE INDEX ami_gap_from ON ami_gap (from_at);
