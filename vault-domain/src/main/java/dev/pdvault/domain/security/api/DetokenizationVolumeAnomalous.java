package dev.pdvault.domain.security.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * In the minute starting at {@code minute}, {@code caller} asked to detokenize {@code tokens} tokens, above the
 * {@code threshold} its {@code baseline} (tokens per minute, an exponentially weighted moving average) allows.
 */
@Revision("1")
public record DetokenizationVolumeAnomalous(SignalId signalId, Caller caller, Instant minute, long tokens,
                                            double baseline, long threshold, Instant at) {
}
