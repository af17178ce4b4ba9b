package dev.pdvault.api.ledger.verify;

/**
 * What the verifier found. {@code position} is the first global index where the history differs from the
 * checkpoint, or null when there is none ({@link Kind#OK}) or it cannot be named (a bad signature or proof, or a
 * bare checkpoint without its entries).
 */
public record Finding(Kind kind, Long position, String message) {

    public enum Kind {
        /** The events reproduce the checkpoint. */
        OK,
        /** The checkpoint's signature does not verify with the pinned public key. */
        BAD_SIGNATURE,
        /** The saved entries do not chain to the signed head. */
        BAD_PROOF,
        /** The event at this position differs from the one checkpointed. */
        CHANGED,
        /** The event at this position was checkpointed and is gone. */
        MISSING,
        /** The checkpointed event of this position is there, but later in the order than it was. */
        REORDERED,
        /** An event that was not checkpointed sits at this position, inside the checkpoint's range. */
        EXTRA,
        /** The events end before the checkpoint does; this is the first checkpointed position missing. */
        TRUNCATED,
        /** The events do not reproduce the head; without the saved entries the position is not known. */
        DIFFERS
    }

    public boolean ok() {
        return kind == Kind.OK;
    }

    @Override
    public String toString() {
        return kind + (position == null ? "" : " at global index " + position) + ": " + message;
    }
}
