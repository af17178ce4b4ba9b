package dev.pdvault.domain.request.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records that the subject's identity was verified, and how ("logged-in session", "id document checked"). */
public record VerifySubjectIdentity(@TargetAggregateIdentifier RequestId requestId, String method, Caller caller,
                                    Instant at) {

    public VerifySubjectIdentity {
        if (!FreeText.isValid(method, 100)) {
            throw new dev.pdvault.domain.shared.InvalidIdException("verification method");
        }
    }
}
