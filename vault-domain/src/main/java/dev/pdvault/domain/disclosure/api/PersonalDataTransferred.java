package dev.pdvault.domain.disclosure.api;

import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The personal data of these subjects was transferred to the organisation, on the basis named (Three (2)). */
@Revision("1")
public record PersonalDataTransferred(DisclosureId transferId, Caller caller, Organisation organisation,
                                      TransferBasis basis, Optional<LegalBasis> legalBasis, Optional<String> reference,
                                      boolean successorBoundByPolicy, List<SubjectId> subjects, Instant at) {

    /** The purpose whose consent authorises a transfer to another holder. */
    public static final String TRANSFER_PURPOSE = "transfer";
}
