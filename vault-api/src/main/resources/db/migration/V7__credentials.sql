-- Password hashes (Argon2id, with their salt), sealed under the subject's account key: read by verification
-- only. Not in token_ref, so no token names a password and no detokenization can return one. A read model like
-- the others: rebuilt by replay (ProjectionRebuilder). After erasure the sealed hash is NULL.
CREATE TABLE credential_ref (
    credential_id TEXT        PRIMARY KEY,
    subject_id    UUID        NOT NULL UNIQUE,
    sealed        BYTEA,
    status        TEXT        NOT NULL CHECK (status IN ('ACTIVE', 'ERASED')),
    first_set_at  TIMESTAMPTZ NOT NULL,
    last_set_at   TIMESTAMPTZ NOT NULL,
    erased_at     TIMESTAMPTZ,
    CHECK ((status = 'ERASED') = (sealed IS NULL))
);
