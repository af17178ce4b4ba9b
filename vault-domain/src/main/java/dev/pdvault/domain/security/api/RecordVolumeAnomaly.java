package dev.pdvault.domain.security.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Records that an identity detokenized far more in one minute than its baseline ({@link VolumeRule}). */
public record RecordVolumeAnomaly(@TargetAggregateIdentifier SignalId signalId, Caller caller, Instant minute,
                                  long tokens, double baseline, long threshold, Instant at) {

    public RecordVolumeAnomaly {
        if (tokens <= threshold) {
            throw new IllegalArgumentException("a volume anomaly lies above its threshold");
        }
    }
}
