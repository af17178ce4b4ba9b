package dev.pdvault.domain.keys.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Starts a job that rewraps every live data key not wrapped by {@code primary} under it. While a job runs, starting
 * one changes nothing: that job already moves every key (it returns the running job's id).
 */
public record StartKekRewrap(@TargetAggregateIdentifier String ring, RewrapJobId job, KekVersion primary,
                             long keysToRewrap, RewrapReason reason, Caller caller, Instant at) {
}
