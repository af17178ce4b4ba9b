package dev.pdvault.domain.subject.api;

import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Optional;

/** Registers a data subject. The birth date, when known, arrives sealed under the subject's own key. */
public record RegisterDataSubject(@TargetAggregateIdentifier SubjectId subjectId, Region region,
                                  Optional<SealedField> birthDate, KeyClass birthDateKeyClass, AgeBand ageBand,
                                  Caller caller, Instant at) implements SubjectCommand {
}
