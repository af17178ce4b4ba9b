package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A transaction record's retention period runs from {@code at}. */
@Revision("1")
public record TransactionCompleted(SubjectId subjectId, CollectionId collectionId, Caller caller, Instant at) {
}
