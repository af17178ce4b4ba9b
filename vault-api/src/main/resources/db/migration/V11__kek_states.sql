-- KEK version states after NIST SP 800-57: PRE_ACTIVATION, ACTIVE, SUSPENDED, DEACTIVATED (was RETIRED),
-- COMPROMISED, DESTROYED. Every move is also an event (KekVersionStateChanged); this table is what requests lock:
-- a new data key is stored only under an ACTIVE version's shared row lock.
DO $$
DECLARE c record;
BEGIN
    FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = 'kek_version'::regclass AND contype = 'c' LOOP
        EXECUTE format('ALTER TABLE kek_version DROP CONSTRAINT %I', c.conname);
    END LOOP;
END $$;

UPDATE kek_version SET state = 'DEACTIVATED' WHERE state = 'RETIRED';
ALTER TABLE kek_version
    ADD COLUMN state_since    TIMESTAMPTZ,
    ADD COLUMN state_by       TEXT,
    ADD COLUMN compromised_at TIMESTAMPTZ;
UPDATE kek_version SET state_since = coalesce(destroyed_at, retired_at, created_at), state_by = 'vault';
ALTER TABLE kek_version ALTER COLUMN state_since SET NOT NULL, ALTER COLUMN state_since SET DEFAULT now(),
    ALTER COLUMN state_by SET NOT NULL, ALTER COLUMN state_by SET DEFAULT 'vault';
ALTER TABLE kek_version
    ADD CONSTRAINT kek_version_state CHECK (state IN ('PRE_ACTIVATION', 'ACTIVE', 'SUSPENDED', 'DEACTIVATED',
        'COMPROMISED', 'DESTROYED')),
    ADD CONSTRAINT kek_version_destroyed CHECK ((state = 'DESTROYED') = (destroyed_at IS NOT NULL));
COMMENT ON COLUMN kek_version.retired_at IS 'when the version was deactivated (retired)';

-- The rewrap job that moves every live data key to the primary KEK version: its cursor and counts advance in the
-- transaction of each batch, so a vault stopped mid-job resumes exactly where it was, at start-up.
CREATE TABLE kek_rewrap_job (
    job_id         UUID        PRIMARY KEY,
    state          TEXT        NOT NULL CHECK (state IN ('RUNNING', 'COMPLETED')),
    reason         TEXT        NOT NULL,
    started_by     TEXT        NOT NULL,
    started_at     TIMESTAMPTZ NOT NULL,
    updated_at     TIMESTAMPTZ NOT NULL,
    completed_at   TIMESTAMPTZ,
    keys_at_start  BIGINT      NOT NULL,
    pass_primary   TEXT        NOT NULL,
    last_subject   UUID        NOT NULL,
    last_key_class TEXT        NOT NULL,
    batches        BIGINT      NOT NULL DEFAULT 0,
    rewrapped      BIGINT      NOT NULL DEFAULT 0,
    failed         BIGINT      NOT NULL DEFAULT 0,
    CHECK ((state = 'COMPLETED') = (completed_at IS NOT NULL))
);
CREATE UNIQUE INDEX kek_rewrap_job_one_running ON kek_rewrap_job ((true)) WHERE state = 'RUNNING';
