package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.CallerGrant;
import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.access.api.RecordDetokenization;
import dev.pdvault.domain.access.api.RecordShare;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.RecipientDefinition;

import java.util.Optional;

/**
 * The disclosure rule: the recipient must be declared and receive exactly these fields for this purpose
 * (a payment institution gets the order number and amount and nothing else; an advertising client gets no
 * field at all). Beyond that a share is decided like an access by the recipient, where the recipient is:
 * the caller's grant, the data's category, erasure, residency (the recipient's region), opt-outs and consent.
 */
public final class SharePolicy {

    private SharePolicy() {
    }

    public static Decision decide(RecordShare share, Catalogue catalogue) {
        RecipientDefinition recipient = catalogue.recipients().get(share.recipient());
        if (recipient == null) {
            return Decision.deny(DenialReason.FIELD_NOT_ALLOWED_FOR_RECIPIENT);
        }
        Decision asAccess = DetokenizationPolicy.decide(asAccess(share, recipient), catalogue);
        if (!asAccess.allowed() && ordersBeforeRecipient(asAccess.denial().get())) {
            return asAccess;
        }
        for (TokenFacts facts : share.tokens()) {
            AccessedToken target = facts.target().orElseThrow();
            if (!recipient.mayReceive(share.purpose(), target.category(), target.field())) {
                return Decision.deny(DenialReason.FIELD_NOT_ALLOWED_FOR_RECIPIENT);
            }
        }
        return asAccess;
    }

    /** The checks that come before the recipient's own terms: who asks, and whether the tokens exist. */
    private static boolean ordersBeforeRecipient(DenialReason reason) {
        return switch (reason) {
            case CALLER_MAY_NOT_DETOKENIZE, LEGAL_EXCEPTION_NOT_PERMITTED_FOR_CALLER, PURPOSE_NOT_GRANTED_TO_CALLER,
                 UNKNOWN_TOKEN -> true;
            default -> false;
        };
    }

    /** The share seen as an access made where the recipient processes the data. */
    static RecordDetokenization asAccess(RecordShare share, RecipientDefinition recipient) {
        CallerGrant grant = share.grant();
        CallerGrant atRecipient = new CallerGrant(grant.mayDetokenize(), grant.purposes(),
                grant.mayInvokeLegalExceptions(), Optional.empty(), recipient.region());
        return new RecordDetokenization(share.shareId(), share.caller(), atRecipient, share.purpose(),
                share.legalBasis(), share.tokens(), share.subjects(), share.policy(), share.at());
    }
}
