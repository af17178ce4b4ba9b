package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A consent could not be granted or withdrawn, for the reason given; nothing changed. */
@Revision("1")
public record ConsentRefused(SubjectId subjectId, ConsentScope scope, RefusalReason reason, Caller caller,
                             Instant at) {
}
