package dev.pdvault.api.ledger;

import dev.pdvault.api.ledger.verify.Checkpoint;
import dev.pdvault.api.ledger.verify.Finding;

/**
 * The vault's own check of its history against its latest signed checkpoint, as the auditor console shows it.
 * {@code verifiedUpTo} is the last global index up to which the events reproduce the signed chain (null when
 * nothing is verified); {@code breakAt} is the first global index where they differ, when the finding names one;
 * {@code uncheckpointed} counts the events after the checkpoint, which no signature covers yet.
 *
 * <p>The vault checks itself with its own key and its own chain table: this is a convenience, not independent
 * evidence. An auditor who must not trust the vault runs the standalone verifier with a checkpoint saved earlier.
 */
public record LedgerStatus(State state, Checkpoint checkpoint, Long verifiedUpTo, Long breakAt, Finding.Kind finding,
                           String message, long uncheckpointed, String checkedAt) {

    public enum State {
        /** The events up to the latest checkpoint reproduce it, and its signature verifies. */
        VERIFIED,
        /** The events, the chain table or the signature do not match the latest checkpoint. */
        BROKEN,
        /** No checkpoint has been signed yet: nothing can be verified. */
        NO_CHECKPOINT
    }
}
