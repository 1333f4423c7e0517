-- PostgreSQL version of ../V8__call_query_indexes.sql: the same indexes, table and counts, the triggers
-- as one PL/pgSQL function.
DROP INDEX IF EXISTS call_line_started;
CREATE INDEX IF NOT EXISTS call_line_started ON call (line_id, started_at, linkedid);
CREATE INDEX IF NOT EXISTS call_line_ring ON call (line_id, ring_seconds, started_at);

CREATE TABLE IF NOT EXISTS call_quarter (
    line_id TEXT   NOT NULL,
    quarter BIGINT NOT NULL,  -- started_at / 900000: the quarter hour the calls started in
    kind    BIGINT NOT NULL,  -- mode (OPEN 0, FORWARDED 2, unknown 4), plus 1 when answered
    calls   BIGINT NOT NULL,
    rings   BIGINT NOT NULL,  -- of them, the calls with a ring time
    PRIMARY KEY (line_id, quarter, kind)
);

DELETE FROM call_quarter;
INSERT INTO call_quarter (line_id, quarter, kind, calls, rings)
SELECT line_id, started_at / 900000,
       CASE mode WHEN 'OPEN' THEN 0 WHEN 'FORWARDED' THEN 2 ELSE 4 END + CASE WHEN answered_by <> 'nobody' THEN 1 ELSE 0 END,
       COUNT(*), COUNT(ring_seconds)
FROM call GROUP BY 1, 2, 3;

CREATE OR REPLACE FUNCTION call_quarter_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE call_quarter SET calls = calls - 1, rings = rings - CASE WHEN OLD.ring_seconds IS NULL THEN 0 ELSE 1 END
        WHERE line_id = OLD.line_id AND quarter = OLD.started_at / 900000
          AND kind = CASE OLD.mode WHEN 'OPEN' THEN 0 WHEN 'FORWARDED' THEN 2 ELSE 4 END
                     + CASE WHEN OLD.answered_by <> 'nobody' THEN 1 ELSE 0 END;
        DELETE FROM call_quarter WHERE line_id = OLD.line_id AND quarter = OLD.started_at / 900000 AND calls = 0;
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        INSERT INTO call_quarter AS q (line_id, quarter, kind, calls, rings)
        VALUES (NEW.line_id, NEW.started_at / 900000,
                CASE NEW.mode WHEN 'OPEN' THEN 0 WHEN 'FORWARDED' THEN 2 ELSE 4 END
                    + CASE WHEN NEW.answered_by <> 'nobody' THEN 1 ELSE 0 END,
                1, CASE WHEN NEW.ring_seconds IS NULL THEN 0 ELSE 1 END)
        ON CONFLICT (line_id, quarter, kind) DO UPDATE SET calls = q.calls + 1, rings = q.rings + EXCLUDED.rings;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS call_quarter_insert_delete ON call;
CREATE TRIGGER call_quarter_insert_delete AFTER INSERT OR DELETE ON call
    FOR EACH ROW EXECUTE FUNCTION call_quarter_count();
-- an upsert sets every column: only a change of what is counted moves a call to another count
DROP TRIGGER IF EXISTS call_quarter_update ON call;
CREATE TRIGGER call_quarter_update AFTER UPDATE OF line_id, started_at, mode, answered_by, ring_seconds ON call
    FOR EACH ROW WHEN (OLD.line_id IS DISTINCT FROM NEW.line_id
        OR OLD.started_at / 900000 IS DISTINCT FROM NEW.started_at / 900000 OR OLD.mode IS DISTINCT FROM NEW.mode
        OR (OLD.answered_by <> 'nobody') IS DISTINCT FROM (NEW.answered_by <> 'nobody')
        OR (OLD.ring_seconds IS NULL) IS DISTINCT FROM (NEW.ring_seconds IS NULL))
    EXECUTE FUNCTION call_quarter_count();
