package dev.pdvault.domain.disclosure.command;

import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.disclosure.api.DisclosureVerdict;
import dev.pdvault.domain.disclosure.api.PersonalDataTransferred;
import dev.pdvault.domain.disclosure.api.RecordTransfer;
import dev.pdvault.domain.disclosure.api.SubjectStanding;
import dev.pdvault.domain.disclosure.api.TransferBasis;
import dev.pdvault.domain.policy.ConsentProblem;
import dev.pdvault.domain.policy.ConsentRules;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.SubjectStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The transfer rule (policy: Three (2), Three (4)), deny by default. In this order, the first failing check
 * names the denial, and the whole transfer is refused:
 * <ol>
 *   <li>a legal exception is invoked only by a legal identity; any other basis is the privacy officer's;</li>
 *   <li>a merger, acquisition or bankruptcy needs the deal's reference, and a new holder bound by this policy
 *       (otherwise the subjects' consent must be sought again);</li>
 *   <li>every subject is known, and none is erased or being erased;</li>
 *   <li>on consent: every subject's consent to {@code transfer} is in force under the current policy.</li>
 * </ol>
 */
public final class TransferPolicy {

    static final Purpose TRANSFER = new Purpose(PersonalDataTransferred.TRANSFER_PURPOSE);

    private TransferPolicy() {
    }

    public static DisclosureVerdict decide(RecordTransfer transfer) {
        Optional<DenialReason> caller = Disclosers.check(transfer.discloser(),
                transfer.basis() == TransferBasis.LEGAL_EXCEPTION);
        if (caller.isPresent()) {
            return DisclosureVerdict.deny(caller.get());
        }
        if (transfer.basis() == TransferBasis.MERGER_ACQUISITION_OR_BANKRUPTCY) {
            if (transfer.reference().isEmpty()) {
                return DisclosureVerdict.deny(DenialReason.REFERENCE_REQUIRED);
            }
            if (!transfer.successorBoundByPolicy()) {
                return DisclosureVerdict.deny(DenialReason.SUCCESSOR_NOT_BOUND_BY_POLICY);
            }
        }
        if (transfer.subjects().isEmpty()) {
            return DisclosureVerdict.deny(DenialReason.UNKNOWN_SUBJECT);
        }
        List<SubjectId> unknown = transfer.subjects().stream().filter(s -> !transfer.standings().containsKey(s)).toList();
        if (!unknown.isEmpty()) {
            return DisclosureVerdict.deny(DenialReason.UNKNOWN_SUBJECT, unknown);
        }
        List<SubjectId> erased = transfer.subjects().stream()
                .filter(s -> transfer.standings().get(s).status() != SubjectStatus.ACTIVE).toList();
        if (!erased.isEmpty()) {
            return DisclosureVerdict.deny(DenialReason.DATA_ERASED, erased);
        }
        if (transfer.basis() == TransferBasis.CONSENT) {
            List<ConsentScope> required = List.of(ConsentScope.of(TRANSFER));
            List<SubjectId> refused = new ArrayList<>();
            Optional<ConsentProblem> first = Optional.empty();
            for (SubjectId subject : transfer.subjects()) {
                SubjectStanding standing = transfer.standings().get(subject);
                Optional<ConsentProblem> problem = ConsentRules.check(required, standing.consents(), transfer.policy());
                if (problem.isPresent()) {
                    refused.add(subject);
                    first = first.or(() -> problem);
                }
            }
            if (first.isPresent()) {
                return DisclosureVerdict.deny(Disclosers.reason(first.get()), refused);
            }
        }
        return DisclosureVerdict.allow();
    }
}
