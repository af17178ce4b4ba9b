package dev.pdvault.domain.request.api;

import dev.pdvault.domain.policy.ConsentScope;

import java.util.Optional;

/**
 * What a request names besides its kind, never personal data: the deletion ground of a {@code DELETION}, the
 * consent to withdraw of a {@code CONSENT_WITHDRAWAL}, the reference of the decision to explain of an
 * {@code AUTOMATED_DECISION_EXPLANATION}.
 */
public record RequestDetails(Optional<DeletionGround> deletionGround, Optional<ConsentScope> consent,
                             Optional<String> decisionReference) {

    public static final RequestDetails NONE = new RequestDetails(Optional.empty(), Optional.empty(), Optional.empty());

    public RequestDetails {
        if (decisionReference.isPresent() && !FreeText.isReference(decisionReference.get())) {
            throw new dev.pdvault.domain.shared.InvalidIdException("decision reference");
        }
    }

    public static RequestDetails deletion(DeletionGround ground) {
        return new RequestDetails(Optional.of(ground), Optional.empty(), Optional.empty());
    }

    public static RequestDetails withdrawal(ConsentScope scope) {
        return new RequestDetails(Optional.empty(), Optional.of(scope), Optional.empty());
    }

    public static RequestDetails decision(String reference) {
        return new RequestDetails(Optional.empty(), Optional.empty(), Optional.of(reference));
    }

    /** Whether these details are exactly what the kind needs: its own detail, and no other. */
    public boolean fit(RequestKind kind) {
        return deletionGround.isPresent() == (kind == RequestKind.DELETION)
                && consent.isPresent() == (kind == RequestKind.CONSENT_WITHDRAWAL)
                && decisionReference.isPresent() == (kind == RequestKind.AUTOMATED_DECISION_EXPLANATION);
    }
}
