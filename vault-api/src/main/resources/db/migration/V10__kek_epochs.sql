-- KEK epochs. Which KEK versions ever wrapped each data key (one row per version of the key row: created, then
-- each rewrap), kept after the key is destroyed: an erasure reaches backups only once every one of them is gone.
CREATE TABLE data_key_wrap (
    subject_id  UUID        NOT NULL,
    key_class   TEXT        NOT NULL,
    key_version BIGINT      NOT NULL,
    kek_version TEXT        NOT NULL,
    wrapped_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subject_id, key_class, key_version)
);
CREATE INDEX data_key_wrap_kek_version ON data_key_wrap (kek_version);

INSERT INTO data_key_wrap (subject_id, key_class, key_version, kek_version, wrapped_at)
SELECT subject_id, key_class, key_version, kek_version, created_at FROM data_key WHERE key_version > 0;

-- The life cycle of each KEK version: ACTIVE (may wrap and unwrap), RETIRED (no live data key depends on it;
-- about to be destroyed, never used to wrap again), DESTROYED (gone from the KEK set for good).
CREATE TABLE kek_version (
    version      TEXT        PRIMARY KEY,
    state        TEXT        NOT NULL CHECK (state IN ('ACTIVE', 'RETIRED', 'DESTROYED')),
    created_at   TIMESTAMPTZ NOT NULL,
    retired_at   TIMESTAMPTZ,
    destroyed_at TIMESTAMPTZ,
    CHECK ((state = 'ACTIVE') = (retired_at IS NULL)),
    CHECK ((state = 'DESTROYED') = (destroyed_at IS NOT NULL))
);

INSERT INTO kek_version (version, state, created_at)
SELECT kek_version, 'ACTIVE', min(wrapped_at) FROM data_key_wrap GROUP BY kek_version;

-- Read model of ErasureReachedBackups: when each erasure reached backups, and which KEK versions that took.
CREATE TABLE erasure_backup_reach (
    subject_id   UUID        NOT NULL,
    erasure_id   UUID        NOT NULL,
    kek_versions JSONB       NOT NULL,
    reached_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subject_id, erasure_id)
);
