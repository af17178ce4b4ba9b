package dev.pdvault.domain.request.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Optional;

/**
 * Records that a request was carried out. An access request carries how many tokens its export held; an
 * automated decision's explanation carries the inputs and the explanation given.
 */
public record FulfilSubjectRequest(@TargetAggregateIdentifier RequestId requestId, String outcome,
                                   Optional<Integer> tokensExported, Optional<DecisionExplanation> explanation,
                                   Caller caller, Instant at) {

    public FulfilSubjectRequest {
        if (!FreeText.isValid(outcome, FreeText.MAX)) {
            throw new dev.pdvault.domain.shared.InvalidIdException("outcome");
        }
    }
}
