package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** Plaintext of these tokens was handed to the caller for the purpose. Committed before the plaintext leaves. */
@Revision("1")
public record PersonalDataDetokenized(AccessId accessId, Caller caller, Purpose purpose,
                                      List<AccessedToken> tokens, Instant at) {
}
