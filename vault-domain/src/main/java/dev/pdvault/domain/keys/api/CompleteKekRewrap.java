package dev.pdvault.domain.keys.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records that the running rewrap job is done; completing it twice, or another job, changes nothing. */
public record CompleteKekRewrap(@TargetAggregateIdentifier String ring, RewrapJobId job, KekVersion primary,
                                long rewrapped, long failed, Instant at) {
}
