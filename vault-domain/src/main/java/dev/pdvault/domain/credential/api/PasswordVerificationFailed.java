package dev.pdvault.domain.credential.api;

import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A caller presented a password for the subject and it did not match. */
@Revision("1")
public record PasswordVerificationFailed(CredentialId credentialId, SubjectId subjectId, Caller caller,
                                         Instant at) {
}
