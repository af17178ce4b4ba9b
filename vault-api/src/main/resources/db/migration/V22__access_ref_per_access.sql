-- access_ref: one row per access (or share, transfer, disclosure) instead of one per subject it touched, the
-- subjects in a uuid[] that a GIN index finds by subject. A batch detokenization of 100 tokens of 100 subjects
-- wrote 100 rows with 100 primary-key entries, the largest share of PostgreSQL's CPU in such a batch
-- (docs/performance.md, "Batch detokenization"); it now writes one row. The history and the tests find a
-- subject's accesses with `subjects @> ARRAY[subject]`.
--
-- No primary key: the projection writes each event's row once (replay truncates first), nothing reads the table
-- by event, and a key on event_id would add an index entry to every access, single-token ones included, that
-- the former table did not have. The subjects are sorted in uuid order, as TimelineProjection writes them, so
-- that converted rows equal the ones a replay writes.
CREATE TABLE access_ref_v22 (
    event_id    UUID        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    subjects    UUID[]      NOT NULL
);

INSERT INTO access_ref_v22 (event_id, occurred_at, subjects)
SELECT event_id, min(occurred_at), array_agg(subject_id ORDER BY subject_id)
FROM access_ref
GROUP BY event_id;

DROP TABLE access_ref;
ALTER TABLE access_ref_v22 RENAME TO access_ref;
CREATE INDEX access_ref_subjects ON access_ref USING gin (subjects);
