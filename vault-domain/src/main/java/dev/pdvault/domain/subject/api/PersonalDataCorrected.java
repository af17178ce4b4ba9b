package dev.pdvault.domain.subject.api;

import dev.pdvault.crypto.SealedValue;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** The value behind a token was corrected; the token stays the same. */
@Revision("1")
public record PersonalDataCorrected(SubjectId subjectId, Token token, String field, SealedValue corrected,
                                    Caller caller, Instant at) {
}
