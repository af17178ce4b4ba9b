package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** These tokens were disclosed to the recipient for the purpose, on the basis named. */
@Revision("1")
public record PersonalDataShared(AccessId shareId, Caller caller, Recipient recipient, Purpose purpose,
                                 LawfulBasis basis, Optional<LegalBasis> legalBasis, List<AccessedToken> tokens,
                                 Instant at) {
}
