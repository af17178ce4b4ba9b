package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** An erasure was requested; from now on no new data is collected and its keys are about to be destroyed. */
@Revision("1")
public record ErasureRequested(SubjectId subjectId, ErasureId erasureId, Caller caller, Instant at) {
}
