-- The audit trail is read by every viewer, so it holds only what a viewer may see:
-- - a read of the call log keeps the filters that shape what was read (period, mode, route, answered, the
--   masking) and whether a caller filter was used, never the caller number itself or other query text;
-- - a recipient added or removed keeps its webhook's URL only up to the host (receivers often carry their
--   key in the path or the query).

UPDATE audit SET after = json_patch('{}', json_object(
        'from', json_extract(after, '$.from'),
        'to', json_extract(after, '$.to'),
        'mode', upper(json_extract(after, '$.mode')),
        'route', lower(json_extract(after, '$.route')),
        'answered', json_extract(after, '$.answered'),
        'caller', json(CASE WHEN json_extract(after, '$.caller') IS NULL THEN 'false' ELSE 'true' END),
        'mask', CASE WHEN json_extract(after, '$.mask') GLOB '[0-9]' OR json_extract(after, '$.mask') GLOB '[0-9][0-9]'
                     THEN CAST(json_extract(after, '$.mask') AS INTEGER) END))
 WHERE action IN ('calls-listed', 'calls-exported', 'calls-counted') AND json_valid(after);

UPDATE audit SET after = json_set(after, '$.address', shown.address)
  FROM (SELECT id, substr(a, 1, instr(a, '://') + 2)
                   || CASE WHEN instr(r, '/') > 0 AND (instr(r, '?') = 0 OR instr(r, '/') < instr(r, '?'))
                                AND (instr(r, '#') = 0 OR instr(r, '/') < instr(r, '#')) THEN substr(r, 1, instr(r, '/') - 1)
                           WHEN instr(r, '?') > 0 AND (instr(r, '#') = 0 OR instr(r, '?') < instr(r, '#')) THEN substr(r, 1, instr(r, '?') - 1)
                           WHEN instr(r, '#') > 0 THEN substr(r, 1, instr(r, '#') - 1)
                           ELSE r END || '/…' AS address
          FROM (SELECT id, json_extract(after, '$.address') AS a,
                       substr(json_extract(after, '$.address'), instr(json_extract(after, '$.address'), '://') + 3) AS r
                  FROM audit WHERE action = 'recipient-added' AND json_valid(after)
                   AND json_extract(after, '$.channel') = 'webhook' AND json_extract(after, '$.address') NOT LIKE '%/…')) AS shown
 WHERE audit.id = shown.id;

UPDATE audit SET before = json_set(before, '$.address', shown.address)
  FROM (SELECT id, substr(a, 1, instr(a, '://') + 2)
                   || CASE WHEN instr(r, '/') > 0 AND (instr(r, '?') = 0 OR instr(r, '/') < instr(r, '?'))
                                AND (instr(r, '#') = 0 OR instr(r, '/') < instr(r, '#')) THEN substr(r, 1, instr(r, '/') - 1)
                           WHEN instr(r, '?') > 0 AND (instr(r, '#') = 0 OR instr(r, '?') < instr(r, '#')) THEN substr(r, 1, instr(r, '?') - 1)
                           WHEN instr(r, '#') > 0 THEN substr(r, 1, instr(r, '#') - 1)
                           ELSE r END || '/…' AS address
          FROM (SELECT id, json_extract(before, '$.address') AS a,
                       substr(json_extract(before, '$.address'), instr(json_extract(before, '$.address'), '://') + 3) AS r
                  FROM audit WHERE action = 'recipient-removed' AND json_valid(before)
                   AND json_extract(before, '$.channel') = 'webhook' AND json_extract(before, '$.address') NOT LIKE '%/…')) AS shown
 WHERE audit.id = shown.id;
