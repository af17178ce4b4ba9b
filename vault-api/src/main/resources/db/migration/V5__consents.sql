-- Consents, opt-outs and published policy versions: the facts every access decision reads. No personal data:
-- a guardian's identity is a sealed collection referenced by id.
CREATE TABLE subject_consent (
    subject_id          UUID        NOT NULL,
    purpose             TEXT        NOT NULL,
    category            TEXT        NOT NULL DEFAULT '',  -- '' for a consent to the purpose; else a sensitive category
    in_force            BOOLEAN     NOT NULL,
    policy_version      INT         NOT NULL,
    guardian_collection UUID,
    granted_at          TIMESTAMPTZ NOT NULL,
    withdrawn_at        TIMESTAMPTZ,
    PRIMARY KEY (subject_id, purpose, category)
);

CREATE TABLE subject_opt_out (
    subject_id   UUID        NOT NULL,
    opt_out      TEXT        NOT NULL,
    opted_out_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subject_id, opt_out)
);

CREATE TABLE policy_version (
    number            INT         PRIMARY KEY,
    label             TEXT        NOT NULL UNIQUE,
    major             BOOLEAN     NOT NULL,
    affected_purposes TEXT[]      NOT NULL,
    summary           TEXT        NOT NULL,
    published_by      TEXT        NOT NULL,
    published_at      TIMESTAMPTZ NOT NULL
);
