package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.access.api.RecordDetokenization;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;

/**
 * The access rule, deny by default: the caller must be allowed to detokenize, for this purpose; every token
 * must exist, have been collected for this purpose, still have its key, and open. The first failing check
 * names the denial.
 */
public final class DetokenizationPolicy {

    private DetokenizationPolicy() {
    }

    public static Decision decide(RecordDetokenization request) {
        if (!request.grant().mayDetokenize()) {
            return Decision.deny(DenialReason.CALLER_MAY_NOT_DETOKENIZE);
        }
        if (!request.grant().purposes().contains(request.purpose())) {
            return Decision.deny(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER);
        }
        if (request.tokens().isEmpty()) {
            return Decision.deny(DenialReason.UNKNOWN_TOKEN);
        }
        for (TokenFacts facts : request.tokens()) {
            if (facts.state() == TokenState.UNKNOWN || facts.target().isEmpty()) {
                return Decision.deny(DenialReason.UNKNOWN_TOKEN);
            }
        }
        for (TokenFacts facts : request.tokens()) {
            AccessedToken target = facts.target().orElseThrow();
            if (!target.collectedFor().equals(request.purpose())) {
                return Decision.deny(DenialReason.PURPOSE_NOT_ALLOWED_FOR_DATA);
            }
        }
        for (TokenFacts facts : request.tokens()) {
            if (facts.state() == TokenState.ERASED) {
                return Decision.deny(DenialReason.DATA_ERASED);
            }
        }
        for (TokenFacts facts : request.tokens()) {
            if (facts.state() != TokenState.AVAILABLE) {
                return Decision.deny(DenialReason.INTEGRITY_FAILURE);
            }
        }
        return Decision.ALLOW;
    }
}
