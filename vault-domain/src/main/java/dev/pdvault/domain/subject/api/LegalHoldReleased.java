package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A hold ended. */
@Revision("1")
public record LegalHoldReleased(SubjectId subjectId, HoldId holdId, Caller caller, Instant at) {
}
