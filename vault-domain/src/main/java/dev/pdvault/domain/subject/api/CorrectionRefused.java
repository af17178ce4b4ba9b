package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A correction was refused; the earlier value stands. */
@Revision("1")
public record CorrectionRefused(SubjectId subjectId, Token token, RefusalReason reason, Caller caller, Instant at) {
}
