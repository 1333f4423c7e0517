-- A caller's rights (access, erasure, numbers kept no longer than needed).

-- Numbers whose erasure was asked for, so that a call of one that arrives later is erased on arrival: an
-- HMAC-SHA256 of the canonical number (+46701234567) under a key kept outside the database (erasure.key), so
-- this table alone does not tell which numbers were erased. Kept for the call log's retention period.
CREATE TABLE erased_number (
    hash      TEXT    PRIMARY KEY,   -- 64 hex digits
    erased_at INTEGER NOT NULL
);
CREATE INDEX erased_number_at ON erased_number (erased_at);

-- everything held about one number, on every line, read off an index
CREATE INDEX call_caller ON call (caller_number);

-- caller numbers and names of calls older than calllog.numbersKeptDays are masked in place by the nightly
-- retention; the calls that started before masked_before are done
CREATE TABLE number_masking (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    masked_before INTEGER NOT NULL
);
INSERT INTO number_masking (id, masked_before) VALUES (1, 0);
