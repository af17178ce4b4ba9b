package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** The transaction a record belongs to is complete: its retention period (E-commerce Law) starts now. */
public record CompleteTransaction(@TargetAggregateIdentifier SubjectId subjectId, CollectionId collectionId,
                                  Caller caller, Instant at) implements SubjectCommand {
}
