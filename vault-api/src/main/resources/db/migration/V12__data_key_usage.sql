-- Data-key rotation. Encryptions per key of a subject's data keyset: (subject, key class, Tink key id), the key id
-- every value sealed by that key carries in its bytes 2-5. Incremented in the transaction that records the sealed
-- values, so the count is as durable as the values; the vault rotates a key before it passes
-- vault.crypto.max-encryptions-per-key (AES-GCM with random nonces: at most 2^32 per key, NIST SP 800-38D).
CREATE TABLE data_key_usage (
    subject_id    UUID        NOT NULL,
    key_class     TEXT        NOT NULL,
    key_id        BIGINT      NOT NULL CHECK (key_id BETWEEN 0 AND 4294967295),
    encryptions   BIGINT      NOT NULL CHECK (encryptions >= 0),
    first_used_at TIMESTAMPTZ NOT NULL,
    last_used_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subject_id, key_class, key_id)
);

-- The key id of the keyset's primary key, the one that seals new values: the collection path reads its count in
-- the statement that reads the key row. NULL for a tombstone, and for a key of before V12 that sealed nothing.
ALTER TABLE data_key ADD COLUMN primary_key_id BIGINT;

-- Keys of before V12 have one key each. Their count starts from the sealed values still held (token_ref and
-- credential_ref): a lower bound, since a corrected value replaced an earlier encryption.
INSERT INTO data_key_usage (subject_id, key_class, key_id, encryptions, first_used_at, last_used_at)
SELECT subject_id, key_class, key_id, count(*), min(at), max(at)
FROM (SELECT subject_id, key_class, (get_byte(sealed, 2)::bigint << 24) | (get_byte(sealed, 3) << 16)
             | (get_byte(sealed, 4) << 8) | get_byte(sealed, 5) AS key_id, collected_at AS at
      FROM token_ref WHERE sealed IS NOT NULL
      UNION ALL
      SELECT c.subject_id, 'account', (get_byte(c.sealed, 2)::bigint << 24) | (get_byte(c.sealed, 3) << 16)
             | (get_byte(c.sealed, 4) << 8) | get_byte(c.sealed, 5), c.first_set_at
      FROM credential_ref c WHERE c.sealed IS NOT NULL) v
GROUP BY subject_id, key_class, key_id;

UPDATE data_key k SET primary_key_id = u.key_id
FROM (SELECT DISTINCT ON (subject_id, key_class) subject_id, key_class, key_id FROM data_key_usage
      ORDER BY subject_id, key_class, last_used_at DESC) u
WHERE k.subject_id = u.subject_id AND k.key_class = u.key_class AND k.wrapped IS NOT NULL;
