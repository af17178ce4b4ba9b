-- Data-subject requests (policy V (I)-(6)): their state and due date, for the officers' lists, the open-request
-- gauge and the repetition limit. No personal data: the details are a deletion ground, a purpose (and category)
-- to withdraw, or a decision's reference; outcomes, notes and explanations are summaries and references. The
-- content of an export is never stored. A read model like the others: rebuilt by replay (ProjectionRebuilder).
CREATE TABLE subject_request (
    request_id          UUID        PRIMARY KEY,
    subject_id          UUID        NOT NULL,
    kind                TEXT        NOT NULL,
    details             JSONB       NOT NULL,
    status              TEXT        NOT NULL
        CHECK (status IN ('RECEIVED', 'IDENTITY_VERIFIED', 'FULFILLED', 'REFUSED')),
    received_by         TEXT        NOT NULL,
    received_at         TIMESTAMPTZ NOT NULL,
    due_at              TIMESTAMPTZ NOT NULL,
    verification_method TEXT,
    verified_by         TEXT,
    verified_at         TIMESTAMPTZ,
    answered_by         TEXT,
    answered_at         TIMESTAMPTZ,
    outcome             TEXT,
    refusal_ground      TEXT,
    refusal_note        TEXT,
    explanation         JSONB,
    tokens_exported     INT,
    appealed_at         TIMESTAMPTZ
);
CREATE INDEX subject_request_repetition ON subject_request (subject_id, kind, received_at);
CREATE INDEX subject_request_open ON subject_request (due_at) WHERE status IN ('RECEIVED', 'IDENTITY_VERIFIED');
