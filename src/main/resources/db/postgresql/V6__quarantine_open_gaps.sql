-- Call records the database refused: kept with the reason instead of blocking the writer behind them.
CREATE TABLE call_quarantine (
    id             BIGSERIAL PRIMARY KEY,
    linkedid       TEXT   NOT NULL,
    record         TEXT   NOT NULL,
    reason         TEXT   NOT NULL,
    quarantined_at BIGINT NOT NULL
);

-- An AMI gap may be open (to_at NULL): the connection is down now.
ALTER TABLE ami_gap ALTER COLUMN to_at DROP NOT NULL;
