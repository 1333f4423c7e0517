-- PostgreSQL version of ../V9__audit_shows_what_a_viewer_may_see.sql: the same changes, with PostgreSQL's functions.
-- The audit trail is read by every viewer, so it holds only what a viewer may see:
-- - a read of the call log keeps the filters that shape what was read (period, mode, route, answered, the
--   masking) and whether a caller filter was used, never the caller number itself or other query text;
-- - a recipient added or removed keeps its webhook's URL only up to the host (receivers often carry their
--   key in the path or the query).

UPDATE audit SET after = jsonb_strip_nulls(jsonb_build_object(
        'from', r.a -> 'from',
        'to', r.a -> 'to',
        'mode', upper(r.a ->> 'mode'),
        'route', lower(r.a ->> 'route'),
        'answered', r.a -> 'answered',
        'caller', (r.a -> 'caller') IS NOT NULL,
        'mask', CASE WHEN r.a ->> 'mask' ~ '^[0-9]{1,2}$' THEN (r.a ->> 'mask')::int END))::text
  FROM (SELECT id, after::jsonb AS a FROM audit
         WHERE action IN ('calls-listed', 'calls-exported', 'calls-counted') AND after IS NOT NULL) AS r
 WHERE audit.id = r.id;

UPDATE audit SET after = jsonb_set(after::jsonb, '{address}',
        to_jsonb(regexp_replace(after::jsonb ->> 'address', '^([A-Za-z][A-Za-z0-9+.-]*://[^/?#]*).*$', '\1/…')))::text
 WHERE action = 'recipient-added' AND after IS NOT NULL AND after::jsonb ->> 'channel' = 'webhook'
   AND after::jsonb ->> 'address' NOT LIKE '%/…';

UPDATE audit SET before = jsonb_set(before::jsonb, '{address}',
        to_jsonb(regexp_replace(before::jsonb ->> 'address', '^([A-Za-z][A-Za-z0-9+.-]*://[^/?#]*).*$', '\1/…')))::text
 WHERE action = 'recipient-removed' AND before IS NOT NULL AND before::jsonb ->> 'channel' = 'webhook'
   AND before::jsonb ->> 'address' NOT LIKE '%/…';
