package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A consent stopped being in force. */
@Revision("1")
public record ConsentWithdrawn(SubjectId subjectId, ConsentScope scope, Caller caller, Instant at) {
}
