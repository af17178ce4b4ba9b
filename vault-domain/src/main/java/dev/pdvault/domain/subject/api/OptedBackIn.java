package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The subject lifted an earlier opt-out. */
@Revision("1")
public record OptedBackIn(SubjectId subjectId, OptOut optOut, Caller caller, Instant at) {
}
