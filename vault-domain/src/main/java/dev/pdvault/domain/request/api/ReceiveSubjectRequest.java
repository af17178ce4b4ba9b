package dev.pdvault.domain.request.api;

import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Records a subject's request. {@code earlierOfKind} is how many requests of the same kind the subject filed in
 * the repetition window before this one; past {@code repetitionLimit} the request is refused as it is received.
 */
public record ReceiveSubjectRequest(@TargetAggregateIdentifier RequestId requestId, SubjectId subjectId,
                                    RequestKind kind, RequestDetails details, int earlierOfKind, int repetitionLimit,
                                    Caller caller, Instant receivedAt) {
}
