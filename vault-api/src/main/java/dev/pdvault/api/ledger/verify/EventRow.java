package dev.pdvault.api.ledger.verify;

/**
 * One row of {@code domain_event_entry}, every column the ledger hashes. {@code type}, {@code payloadRevision} and
 * {@code metaData} may be null.
 */
public record EventRow(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                       String type, String payloadType, String payloadRevision, byte[] payload, byte[] metaData,
                       String timeStamp) {
}
