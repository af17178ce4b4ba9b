package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Decides and records one detokenization request from the facts the vault gathered for it (inside the same
 * transaction that commits the record): who asks, what it may do, for which purpose, and what each token is.
 */
public record RecordDetokenization(@TargetAggregateIdentifier AccessId accessId, Caller caller, CallerGrant grant,
                                   Purpose purpose, List<TokenFacts> tokens, Instant at) {

    public RecordDetokenization {
        tokens = List.copyOf(tokens);
    }
}
