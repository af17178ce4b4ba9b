-- Accesses on a subject's timeline: a narrow index (subject, time, event) instead of a JSONB summary row per
-- subject and access. The history reads the access events themselves from domain_event_entry.
CREATE TABLE access_ref (
    subject_id  UUID        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    event_id    UUID        NOT NULL,
    PRIMARY KEY (subject_id, occurred_at, event_id)
);

INSERT INTO access_ref (subject_id, occurred_at, event_id)
SELECT subject_id, occurred_at, event_id::uuid FROM subject_timeline
WHERE event_type IN ('PersonalDataDetokenized', 'DetokenizationRefused')
ON CONFLICT DO NOTHING;

DELETE FROM subject_timeline WHERE event_type IN ('PersonalDataDetokenized', 'DetokenizationRefused');
