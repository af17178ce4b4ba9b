package dev.pdvault.api.ledger.verify;

/** One position of the chain: the event's global index, its leaf and the chain value after it (both hex). */
public record ChainEntry(long globalIndex, String leaf, String chain) {
}
