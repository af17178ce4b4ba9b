package dev.pdvault.domain.subject.api;

import dev.pdvault.crypto.SealedValue;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Replaces the value behind a token with a corrected one, sealed for the same field and token. */
public record CorrectPersonalData(@TargetAggregateIdentifier SubjectId subjectId, Token token, String field,
                                  SealedValue corrected, Caller caller, Instant at) implements SubjectCommand {
}
