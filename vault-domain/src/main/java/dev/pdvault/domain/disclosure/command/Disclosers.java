package dev.pdvault.domain.disclosure.command;

import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.disclosure.api.Discloser;

import java.util.Optional;

/** Who may decide a transfer or public disclosure: a legal identity for a legal exception, else the privacy officer. */
final class Disclosers {

    private Disclosers() {
    }

    static Optional<DenialReason> check(Discloser discloser, boolean legalException) {
        if (legalException) {
            return discloser.mayInvokeLegalExceptions() ? Optional.empty()
                    : Optional.of(DenialReason.LEGAL_EXCEPTION_NOT_PERMITTED_FOR_CALLER);
        }
        return discloser.privacyOfficer() ? Optional.empty() : Optional.of(DenialReason.CALLER_MAY_NOT_DISCLOSE);
    }

    static DenialReason reason(dev.pdvault.domain.policy.ConsentProblem problem) {
        return switch (problem) {
            case MISSING -> DenialReason.CONSENT_MISSING;
            case WITHDRAWN -> DenialReason.CONSENT_WITHDRAWN;
            case ON_HOLD -> DenialReason.CONSENT_ON_HOLD;
        };
    }
}
