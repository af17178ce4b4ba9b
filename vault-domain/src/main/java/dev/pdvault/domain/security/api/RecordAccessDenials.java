package dev.pdvault.domain.security.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Optional;

/**
 * Records how many more requests of one requester were turned away on one route for one cause within one minute, beyond the
 * first, which was recorded on its own ({@link RecordAccessDenial}).
 */
public record RecordAccessDenials(@TargetAggregateIdentifier SignalId signalId, Optional<Caller> caller,
                                  RequestSource source, Route route, DenialCause cause,
                                  Instant from, Instant to, long count) {

    public RecordAccessDenials {
        if (count < 1 || to.isBefore(from)) {
            throw new IllegalArgumentException("a count of denials covers at least one denial in a forward window");
        }
    }
}
