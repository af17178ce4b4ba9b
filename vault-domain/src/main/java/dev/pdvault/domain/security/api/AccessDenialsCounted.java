package dev.pdvault.domain.security.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code count} further requests of one requester were turned away on one route for one cause between {@code from} and
 * {@code to} (one minute); the first of that minute is an {@link AccessDenied} of its own. This bounds what a flood
 * of bad requests costs the event store: one event per requester, cause and route per minute, plus one count.
 */
@Revision("1")
public record AccessDenialsCounted(SignalId signalId, Optional<Caller> caller, RequestSource source, Route route,
                                   DenialCause cause, Instant from, Instant to, long count) {
}
