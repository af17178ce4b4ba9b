-- What was shared with which recipient, for which purpose: a recipient's identity may detokenize only these.
CREATE TABLE share_grant (
    recipient  TEXT        NOT NULL,
    token      TEXT        NOT NULL,
    purpose    TEXT        NOT NULL,
    share_id   UUID        NOT NULL,
    subject_id UUID        NOT NULL,
    shared_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (recipient, token, purpose)
);
CREATE INDEX share_grant_subject ON share_grant (subject_id);
