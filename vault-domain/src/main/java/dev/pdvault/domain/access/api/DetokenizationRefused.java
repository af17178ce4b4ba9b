package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.Token;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A detokenization request was denied; no plaintext was returned. Names the tokens it concerned. */
@Revision("1")
public record DetokenizationRefused(AccessId accessId, Caller caller, Purpose purpose, DenialReason reason,
                                    Optional<LegalBasis> legalBasis, List<AccessedToken> tokens,
                                    List<Token> unknownTokens, Instant at) {
}
