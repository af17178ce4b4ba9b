package dev.pdvault.domain.credential.api;

import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A caller presented the subject's password and it matched. */
@Revision("1")
public record PasswordVerified(CredentialId credentialId, SubjectId subjectId, Caller caller, Instant at) {
}
