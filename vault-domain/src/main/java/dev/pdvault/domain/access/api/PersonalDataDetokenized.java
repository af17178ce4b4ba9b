package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Plaintext of these tokens was handed to the caller for the purpose, on the basis named (and the legal
 * exception with its reference, when one was invoked). Committed before the plaintext leaves.
 */
@Revision("1")
public record PersonalDataDetokenized(AccessId accessId, Caller caller, Purpose purpose, LawfulBasis basis,
                                      Optional<LegalBasis> legalBasis, List<AccessedToken> tokens, Instant at) {
}
