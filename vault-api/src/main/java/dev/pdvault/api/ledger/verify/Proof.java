package dev.pdvault.api.ledger.verify;

import java.util.List;

/**
 * A consistency proof: the chain entries after checkpoint {@code from} (none: from the start) up to checkpoint
 * {@code to}. Chaining the leaves from {@code from}'s head (or 32 zero bytes) must give {@code to}'s head. Saved with
 * {@code from} = none, it is what an auditor keeps: the verifier then names the first position that differs.
 */
public record Proof(Checkpoint from, Checkpoint to, List<ChainEntry> entries) {
}
