package dev.pdvault.domain.access.api;

import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Personal data of mainland-China subjects left the region (policy: 7.), on the basis named: the subjects'
 * explicit authorisation (consent to {@code cross_border_transfer}) or a legal exception with its reference.
 */
@Revision("1")
public record CrossBorderTransferRecorded(AccessId accessId, Caller caller, List<SubjectId> subjects,
                                          String fromRegion, String toRegion, LawfulBasis basis,
                                          Optional<LegalBasis> legalBasis, Instant at) {

    /** The purpose whose consent authorises a transfer out of the region. */
    public static final String CROSS_BORDER_PURPOSE = "cross_border_transfer";
}
