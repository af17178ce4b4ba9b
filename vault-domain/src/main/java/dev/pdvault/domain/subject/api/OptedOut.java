package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** From now on, purposes stopped by this opt-out are denied for the subject. */
@Revision("1")
public record OptedOut(SubjectId subjectId, OptOut optOut, Caller caller, Instant at) {
}
