-- The tokenized event feed (docs/architecture.md, "The event feed"): one row per (event, recipient), tokens and
-- metadata only. position is the HTTP feed's cursor; a single-segment processor writes it, so positions commit
-- in order. Axon's processor tokens live in token_entry (V1).
CREATE TABLE feed_entry (
    position    BIGSERIAL   PRIMARY KEY,
    message_id  UUID        NOT NULL UNIQUE,
    recipient   TEXT        NOT NULL,
    type        TEXT        NOT NULL,
    subject_id  UUID        NOT NULL,
    occurred_at TIMESTAMPTZ NOT NULL,
    body        JSONB       NOT NULL
);
CREATE INDEX feed_entry_recipient ON feed_entry (recipient, position);

-- Nodes running the AMQP feed processor, with their last heartbeat: each node's fair share of the segments.
CREATE TABLE feed_node (
    node_id TEXT        PRIMARY KEY,
    seen_at TIMESTAMPTZ NOT NULL
);
