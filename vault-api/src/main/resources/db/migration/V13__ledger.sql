-- Tamper evidence: a hash chain over every event in global order (dev.pdvault.api.ledger.verify.LedgerChain), and
-- the checkpoints the vault signed over it (Ed25519). ledger_entry holds each chained event's leaf and the chain
-- value after it, so proofs are served as they were committed; ledger_checkpoint.size counts the events chained.
CREATE TABLE ledger_entry (
    global_index BIGINT PRIMARY KEY,
    leaf         BYTEA  NOT NULL CHECK (length(leaf) = 32),
    chain        BYTEA  NOT NULL CHECK (length(chain) = 32),
    checkpoint   BIGINT NOT NULL
);

CREATE TABLE ledger_checkpoint (
    number            BIGINT      PRIMARY KEY,
    size              BIGINT      NOT NULL CHECK (size >= 0),
    last_global_index BIGINT      NOT NULL,
    head              BYTEA       NOT NULL CHECK (length(head) = 32),
    key_id            BIGINT      NOT NULL,
    signature         TEXT        NOT NULL,
    created_at        TEXT        NOT NULL
);
