package dev.pdvault.domain.security.api;

import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.Optional;

/**
 * A request was turned away (401, 403 or 429) before any handler ran. {@code caller} is empty when the request
 * carried no credential the vault accepts. Holds no request body, header or token value.
 */
@Revision("1")
public record AccessDenied(SignalId signalId, Optional<Caller> caller, RequestSource source, Route route,
                           DenialCause cause, Instant at) {
}
