package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** A public disclosure was refused for the reason named; nothing may be disclosed. Names the tokens concerned. */
@Revision("1")
public record PublicDisclosureRefused(DisclosureId disclosureId, Caller caller, PublicDisclosureBasis basis,
                                      Optional<LegalBasis> legalBasis, Optional<String> reference, DenialReason reason,
                                      List<AccessedToken> tokens, List<Token> unknownTokens,
                                      List<SubjectId> refusedSubjects, Instant at) {
}
