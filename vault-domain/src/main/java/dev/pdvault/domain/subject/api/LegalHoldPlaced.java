package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The subject's data is held, for the reference given (a case number); shredding waits. */
@Revision("1")
public record LegalHoldPlaced(SubjectId subjectId, HoldId holdId, String reference, Caller caller, Instant at) {
}
