-- Event payloads over about 2 kB (an access event of a batch of 100 tokens is about 16 kB of JSON) are compressed
-- when they are stored. With PostgreSQL's default, pglz, storing such an event cost 1.2 ms of the database's CPU;
-- with lz4 0.93 ms, compressed as small (docs/performance.md). Rows already stored keep pglz (both read the
-- same); a server built without lz4 keeps pglz for all of them.
DO $$
BEGIN
    ALTER TABLE domain_event_entry ALTER COLUMN payload SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
    RAISE NOTICE 'this PostgreSQL has no lz4: event payloads stay compressed with pglz';
END
$$;
