package dev.pdvault.domain.request.api;

import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Optional;

/** A request was carried out: a summary of the outcome, and for a decision the explanation given. */
@Revision("1")
public record SubjectRequestFulfilled(RequestId requestId, SubjectId subjectId, String outcome,
                                      Optional<DecisionExplanation> explanation, Caller caller, Instant at) {
}
