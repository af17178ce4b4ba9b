-- Read models. None holds plaintext; each is rebuilt by replay (ProjectionRebuilder).
CREATE TABLE token_ref (
    token        TEXT        PRIMARY KEY,
    subject_id   UUID        NOT NULL,
    category     TEXT        NOT NULL,
    field        TEXT        NOT NULL,
    purpose      TEXT        NOT NULL,
    key_class    TEXT        NOT NULL,
    sealed       BYTEA,
    status       TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'ERASED')),
    collected_at TIMESTAMPTZ NOT NULL,
    corrected_at TIMESTAMPTZ,
    erased_at    TIMESTAMPTZ
);
CREATE INDEX token_ref_subject ON token_ref (subject_id);

CREATE TABLE subject_view (
    subject_id           UUID        PRIMARY KEY,
    region               TEXT        NOT NULL,
    age_band             TEXT        NOT NULL,
    status               TEXT        NOT NULL,
    registered_at        TIMESTAMPTZ NOT NULL,
    erasure_id           UUID,
    erasure_requested_at TIMESTAMPTZ,
    erased_at            TIMESTAMPTZ,
    destroyed_keys       JSONB
);
CREATE INDEX subject_view_pending_erasure ON subject_view (erasure_requested_at) WHERE status = 'ERASURE_REQUESTED';

CREATE TABLE subject_timeline (
    subject_id  UUID        NOT NULL,
    event_id    TEXT        NOT NULL,
    event_type  TEXT        NOT NULL,
    caller      TEXT,
    occurred_at TIMESTAMPTZ NOT NULL,
    summary     JSONB       NOT NULL,
    PRIMARY KEY (subject_id, event_id)
);
CREATE INDEX subject_timeline_order ON subject_timeline (subject_id, occurred_at, event_id);
