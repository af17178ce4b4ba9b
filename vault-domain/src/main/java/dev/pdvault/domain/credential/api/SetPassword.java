package dev.pdvault.domain.credential.api;

import dev.pdvault.crypto.SealedValue;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/**
 * Sets or changes a subject's password. It arrives as a one-way hash (Argon2id, with its salt), sealed under
 * the subject's own key: the plaintext password never reaches a command.
 */
public record SetPassword(SubjectId subjectId, SealedValue sealedHash, Caller caller, Instant at)
        implements CredentialCommand {

    public SetPassword {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(sealedHash, "sealedHash");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(at, "at");
    }

    @Override
    @TargetAggregateIdentifier
    public CredentialId credentialId() {
        return CredentialId.of(subjectId);
    }
}
