package dev.pdvault.domain.request.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Refuses an open request on one of the policy's grounds, with a note (no personal data). */
public record RefuseSubjectRequest(@TargetAggregateIdentifier RequestId requestId, RefusalGround ground, String note,
                                   Caller caller, Instant at) {

    public RefuseSubjectRequest {
        if (!FreeText.isValid(note, FreeText.MAX)) {
            throw new dev.pdvault.domain.shared.InvalidIdException("refusal note");
        }
    }
}
