package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.Token;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A disclosure to a recipient was refused for the reason named; nothing was shared. */
@Revision("1")
public record ShareRefused(AccessId shareId, Caller caller, Recipient recipient, Purpose purpose,
                           DenialReason reason, Optional<LegalBasis> legalBasis, List<AccessedToken> tokens,
                           List<Token> unknownTokens, Instant at) {
}
