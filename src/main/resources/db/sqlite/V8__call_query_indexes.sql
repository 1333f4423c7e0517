-- The call log's queries on a year of calls without sorting or counting a year of rows:
-- - listings of one line, newest first: (line_id, started_at, linkedid) gives the full order, no sort;
-- - statistics: calls counted per quarter hour (every zone's offset is a multiple of 15 minutes, so a
--   quarter hour lies in one local hour and date), by mode and answered, kept by triggers on every insert,
--   update and delete of a call, so the counts are exact whoever writes;
-- - the median ring time: the middle value read in ring-time order instead of sorting a year of calls.
DROP INDEX IF EXISTS call_line_started;
CREATE INDEX IF NOT EXISTS call_line_started ON call (line_id, started_at, linkedid);
CREATE INDEX IF NOT EXISTS call_line_ring ON call (line_id, ring_seconds, started_at);

CREATE TABLE IF NOT EXISTS call_quarter (
    line_id TEXT    NOT NULL,
    quarter INTEGER NOT NULL,  -- started_at / 900000: the quarter hour the calls started in
    kind    INTEGER NOT NULL,  -- mode (OPEN 0, FORWARDED 2, unknown 4), plus 1 when answered
    calls   INTEGER NOT NULL,
    rings   INTEGER NOT NULL,  -- of them, the calls with a ring time
    PRIMARY KEY (line_id, quarter, kind)
) WITHOUT ROWID;

DELETE FROM call_quarter;
INSERT INTO call_quarter (line_id, quarter, kind, calls, rings)
SELECT line_id, started_at / 900000,
       CASE mode WHEN 'OPEN' THEN 0 WHEN 'FORWARDED' THEN 2 ELSE 4 END + CASE WHEN answered_by <> 'nobody' THEN 1 ELSE 0 END,
       COUNT(*), COUNT(ring_seconds)
FROM call GROUP BY 1, 2, 3;

CREATE TRIGGER IF NOT EXISTS call_quarter_insert AFTER INSERT ON call
BEGIN
    INSERT INTO call_quarter (line_id, quarter, kind, calls, rings)
    VALUES (NEW.line_id, NEW.started_at / 900000,
            CASE NEW.mode WHEN 'OPEN' THEN 0 WHEN 'FORWARDED' THEN 2 ELSE 4 END
                + CASE WHEN NEW.answered_by <> 'nobody' THEN 1 ELSE 0 END,
            1, CASE WHEN NEW.ring_seconds IS NULL THEN 0 ELSE 1 END)
    ON CONFLICT (line_id, quarter, kind) DO UPDATE SET calls = calls + 1, rings = rings + excluded.rings;
END;

CREATE TRIGGER IF NOT EXISTS call_quarter_delete AFTER DELETE ON call
BEGIN
    UPDATE call_quarter SET calls = calls - 1, rings = rings - CASE WHEN OLD.ring_seconds IS NULL THEN 0 ELSE 1 END
    WHERE line_id = OLD.line_id AND quarter = OLD.started_at / 900000
      AND kind = CASE OLD.mode WHEN 'OPEN' THEN 0 WHEN 'FORWARDED' THEN 2 ELSE 4 END
                 + CASE WHEN OLD.answered_by <> 'nobody' THEN 1 ELSE 0 END;
    DELETE FROM call_quarter WHERE line_id = OLD.line_id AND quarter = OLD.started_at / 900000 AND calls = 0;
END;

-- an upsert sets every column: only a change of what is counted moves a call to another count
CREATE TRIGGER IF NOT EXISTS call_quarter_update AFTER UPDATE OF line_id, started_at, mode, answered_by, ring_seconds ON call
WHEN OLD.line_id IS NOT NEW.line_id OR OLD.started_at / 900000 IS NOT NEW.started_at / 900000
  OR OLD.mode IS NOT NEW.mode OR (OLD.answered_by <> 'nobody') IS NOT (NEW.answered_by <> 'nobody')
  OR (OLD.ring_seconds IS NULL) IS NOT (NEW.ring_seconds IS NULL)
BEGIN
    UPDATE call_quarter SET calls = calls - 1, rings = rings - CASE WHEN OLD.ring_seconds IS NULL THEN 0 ELSE 1 END
    WHERE line_id = OLD.line_id AND quarter = OLD.started_at / 900000
      AND kind = CASE OLD.mode WHEN 'OPEN' THEN 0 WHEN 'FORWARDED' THEN 2 ELSE 4 END
                 + CASE WHEN OLD.answered_by <> 'nobody' THEN 1 ELSE 0 END;
    DELETE FROM call_quarter WHERE line_id = OLD.line_id AND quarter = OLD.started_at / 900000 AND calls = 0;
    INSERT INTO call_quarter (line_id, quarter, kind, calls, rings)
    VALUES (NEW.line_id, NEW.started_at / 900000,
            CASE NEW.mode WHEN 'OPEN' THEN 0 WHEN 'FORWARDED' THEN 2 ELSE 4 END
                + CASE WHEN NEW.answered_by <> 'nobody' THEN 1 ELSE 0 END,
            1, CASE WHEN NEW.ring_seconds IS NULL THEN 0 ELSE 1 END)
    ON CONFLICT (line_id, quarter, kind) DO UPDATE SET calls = calls + 1, rings = rings + excluded.rings;
END;
