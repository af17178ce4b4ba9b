-- Retention after erasure, legal holds, and notices to recipients: read models of the subject's events.
CREATE TABLE retention (
    subject_id  UUID        NOT NULL,
    key_class   TEXT        NOT NULL,
    until       TIMESTAMPTZ,            -- NULL while a transaction of the class has not completed
    shredded_at TIMESTAMPTZ,
    PRIMARY KEY (subject_id, key_class)
);
CREATE INDEX retention_pending ON retention (subject_id) WHERE shredded_at IS NULL;

CREATE TABLE legal_hold (
    subject_id  UUID        NOT NULL,
    hold_id     UUID        NOT NULL,
    reference   TEXT        NOT NULL,
    placed_by   TEXT        NOT NULL,
    placed_at   TIMESTAMPTZ NOT NULL,
    released_by TEXT,
    released_at TIMESTAMPTZ,
    PRIMARY KEY (subject_id, hold_id)
);

CREATE TABLE recipient_notice (
    subject_id  UUID        NOT NULL,
    notice      TEXT        NOT NULL CHECK (notice IN ('ERASURE', 'STOP')),
    recipient   TEXT        NOT NULL,
    reference   TEXT        NOT NULL,
    event_id    TEXT        NOT NULL,
    notified_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (event_id, recipient)
);
CREATE INDEX recipient_notice_subject ON recipient_notice (subject_id);
