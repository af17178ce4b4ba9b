-- Wrapped data keysets, one per subject and key class. Not an event stream: a key must be destroyable.
-- A destroyed key keeps its row as a tombstone (wrapped NULL), so no new key is ever made for the scope.
CREATE TABLE data_key (
    subject_id   UUID        NOT NULL,
    key_class    TEXT        NOT NULL,
    key_version  BIGINT      NOT NULL,
    kek_version  TEXT        NOT NULL,
    wrapped      BYTEA,
    created_at   TIMESTAMPTZ NOT NULL,
    destroyed_at TIMESTAMPTZ,
    PRIMARY KEY (subject_id, key_class),
    CHECK ((wrapped IS NULL) = (destroyed_at IS NOT NULL))
);
CREATE INDEX data_key_kek_version ON data_key (kek_version) WHERE wrapped IS NOT NULL;
