package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.CallerGrant;
import dev.pdvault.domain.access.api.CrossBorderTransferRecorded;
import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.access.api.LawfulBasis;
import dev.pdvault.domain.access.api.RecordDetokenization;
import dev.pdvault.domain.access.api.SubjectFacts;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.CategoryDefinition;
import dev.pdvault.domain.policy.ConsentProblem;
import dev.pdvault.domain.policy.ConsentRules;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.FieldDefinition;
import dev.pdvault.domain.policy.PurposeDefinition;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.SubjectStatus;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The access rule, deny by default. In this order, the first failing check names the denial:
 * <ol>
 *   <li>the caller may detokenize at all; a legal exception is invoked only by an identity allowed to;</li>
 *   <li>the purpose is granted to the caller;</li>
 *   <li>every token exists; its category may be used for the purpose; its field may be handed out at all;
 *       its subject's key still exists;</li>
 *   <li>a recipient's identity sees only tokens shared with its recipient for this purpose;</li>
 *   <li>data kept after its subject asked for erasure (retained by law, or held) opens only on a legal
 *       exception;</li>
 *   <li>data of a mainland-China subject leaves the region only with the subject's authorisation or a legal
 *       exception;</li>
 *   <li>unless a legal exception is invoked: the subject has not opted out of the purpose, and every consent
 *       the purpose and category need is in force under the current policy;</li>
 *   <li>every value opened.</li>
 * </ol>
 * An allowed access names its basis: a legal exception, consent, or the contract (basic purposes).
 */
public final class DetokenizationPolicy {

    static final Purpose CROSS_BORDER = new Purpose(CrossBorderTransferRecorded.CROSS_BORDER_PURPOSE);
    private static final String MAINLAND_CHINA = "CN";

    private DetokenizationPolicy() {
    }

    public static Decision decide(RecordDetokenization request, Catalogue catalogue) {
        CallerGrant grant = request.grant();
        boolean legal = request.legalBasis().isPresent();
        if (!grant.mayDetokenize()) {
            return Decision.deny(DenialReason.CALLER_MAY_NOT_DETOKENIZE);
        }
        if (legal && !grant.mayInvokeLegalExceptions()) {
            return Decision.deny(DenialReason.LEGAL_EXCEPTION_NOT_PERMITTED_FOR_CALLER);
        }
        if (!grant.purposes().contains(request.purpose())) {
            return Decision.deny(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER);
        }
        PurposeDefinition purpose = catalogue.purposes().get(request.purpose());
        if (purpose == null) {
            return Decision.deny(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER);
        }
        if (request.tokens().isEmpty()
                || request.tokens().stream().anyMatch(t -> t.state() == TokenState.UNKNOWN || t.target().isEmpty())) {
            return Decision.deny(DenialReason.UNKNOWN_TOKEN);
        }
        for (TokenFacts facts : request.tokens()) {
            AccessedToken target = facts.target().orElseThrow();
            CategoryDefinition category = catalogue.categories().get(target.category());
            if (category == null || !category.purposes().contains(request.purpose())) {
                return Decision.deny(DenialReason.PURPOSE_NOT_ALLOWED_FOR_CATEGORY);
            }
            Optional<FieldDefinition> field = category.field(target.field());
            if (field.isEmpty() || !field.get().type().detokenizable()) {
                return Decision.deny(DenialReason.FIELD_NOT_DETOKENIZABLE);
            }
        }
        if (request.tokens().stream().anyMatch(t -> t.state() == TokenState.ERASED)) {
            return Decision.deny(DenialReason.DATA_ERASED);
        }
        if (grant.recipient().isPresent()
                && request.tokens().stream().anyMatch(t -> !t.sharedFor().contains(request.purpose()))) {
            return Decision.deny(DenialReason.NOT_SHARED_WITH_RECIPIENT);
        }
        for (TokenFacts facts : request.tokens()) {
            SubjectFacts subject = request.subjects().get(facts.target().orElseThrow().subjectId());
            if (subject == null) {
                return Decision.deny(DenialReason.INTEGRITY_FAILURE);
            }
            if (subject.status() != SubjectStatus.ACTIVE && !legal) {
                return Decision.deny(DenialReason.DATA_ERASED);
            }
        }
        if (!legal) {
            for (SubjectId subject : crossBorderSubjects(request)) {
                SubjectFacts facts = request.subjects().get(subject);
                if (ConsentRules.check(List.of(ConsentScope.of(CROSS_BORDER)), facts.consents(), request.policy())
                        .isPresent()) {
                    return Decision.deny(DenialReason.CROSS_BORDER_TRANSFER_NOT_PERMITTED);
                }
            }
        }
        boolean consented = false;
        if (!legal) {
            for (TokenFacts facts : request.tokens()) {
                SubjectFacts subject = request.subjects().get(facts.target().orElseThrow().subjectId());
                if (purpose.optOut().isPresent() && subject.optOuts().contains(purpose.optOut().get())) {
                    return Decision.deny(DenialReason.OPTED_OUT);
                }
            }
            for (TokenFacts facts : request.tokens()) {
                AccessedToken target = facts.target().orElseThrow();
                List<ConsentScope> required = ConsentRules.required(purpose, catalogue.definition(target.category()));
                Optional<ConsentProblem> problem = ConsentRules.check(required,
                        request.subjects().get(target.subjectId()).consents(), request.policy());
                if (problem.isPresent()) {
                    return Decision.deny(switch (problem.get()) {
                        case MISSING -> DenialReason.CONSENT_MISSING;
                        case WITHDRAWN -> DenialReason.CONSENT_WITHDRAWN;
                        case ON_HOLD -> DenialReason.CONSENT_ON_HOLD;
                    });
                }
                consented |= !required.isEmpty();
            }
        }
        if (request.tokens().stream().anyMatch(t -> t.state() != TokenState.AVAILABLE)) {
            return Decision.deny(DenialReason.INTEGRITY_FAILURE);
        }
        return Decision.allow(legal ? LawfulBasis.LEGAL_EXCEPTION : consented ? LawfulBasis.CONSENT
                : LawfulBasis.CONTRACT);
    }

    /**
     * The mainland-China subjects whose data this request would carry out of the region: the caller works
     * elsewhere. Their data stays in the region unless a listed exception holds (policy: 7.).
     */
    public static Set<SubjectId> crossBorderSubjects(RecordDetokenization request) {
        Set<SubjectId> crossing = new LinkedHashSet<>();
        if (MAINLAND_CHINA.equals(request.grant().region())) {
            return crossing;
        }
        for (TokenFacts facts : request.tokens()) {
            facts.target().map(AccessedToken::subjectId).map(request.subjects()::get)
                    .filter(s -> s.region().isMainlandChina()).ifPresent(s -> crossing.add(s.subjectId()));
        }
        return crossing;
    }
}
