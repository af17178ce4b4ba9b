package dev.pdvault.domain.keys.api;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records how far the running rewrap job got; for another job than the running one it changes nothing. */
public record RecordKekRewrapProgress(@TargetAggregateIdentifier String ring, RewrapJobId job, long batches,
                                      long rewrapped, long failed, long remaining, Instant at) {
}
