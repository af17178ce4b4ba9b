package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.shared.Caller;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The data behind these tokens may be disclosed publicly, on the basis named (Three (3)). */
@Revision("1")
public record PersonalDataPubliclyDisclosed(DisclosureId disclosureId, Caller caller, PublicDisclosureBasis basis,
                                            Optional<LegalBasis> legalBasis, Optional<String> reference,
                                            List<AccessedToken> tokens, Instant at) {

    /** The purpose whose consent authorises a public disclosure. */
    public static final String PUBLIC_DISCLOSURE_PURPOSE = "public_disclosure";
}
