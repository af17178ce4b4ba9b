package dev.pdvault.domain.credential.api;

import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Objects;

/**
 * Records the outcome of one verification of the subject's password, decided in the request against the
 * sealed hash. Carries no secret: neither the candidate password nor the hash.
 */
public record RecordPasswordVerification(SubjectId subjectId, boolean verified, Caller caller, Instant at)
        implements CredentialCommand {

    public RecordPasswordVerification {
        Objects.requireNonNull(subjectId, "subjectId");
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(at, "at");
    }

    @Override
    @TargetAggregateIdentifier
    public CredentialId credentialId() {
        return CredentialId.of(subjectId);
    }
}
