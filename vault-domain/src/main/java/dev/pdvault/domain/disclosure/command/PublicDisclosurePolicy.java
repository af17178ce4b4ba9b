package dev.pdvault.domain.disclosure.command;

import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.access.api.SubjectFacts;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.disclosure.api.DisclosureVerdict;
import dev.pdvault.domain.disclosure.api.PersonalDataPubliclyDisclosed;
import dev.pdvault.domain.disclosure.api.PublicDisclosureBasis;
import dev.pdvault.domain.disclosure.api.RecordPublicDisclosure;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.CategoryDefinition;
import dev.pdvault.domain.policy.ConsentProblem;
import dev.pdvault.domain.policy.ConsentRules;
import dev.pdvault.domain.policy.FieldDefinition;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.PurposeDefinition;
import dev.pdvault.domain.subject.api.SubjectId;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The public disclosure rule (policy: Three (3), Three (4)), deny by default. In this order, the first failing
 * check names the denial:
 * <ol>
 *   <li>a legal exception is invoked only by a legal identity; consent and a rule violation are the privacy
 *       officer's decisions;</li>
 *   <li>a rule violation needs the case's reference;</li>
 *   <li>every token exists and its field may ever be handed out; none is erased;</li>
 *   <li>a rule violation discloses only {@link #DISCLOSABLE_ON_VIOLATION};</li>
 *   <li>on consent: every subject concerned consented to {@code public_disclosure}, under the current policy,
 *       and to each sensitive category disclosed (so sensitive data is never disclosed on consent unless the
 *       catalogue lets its category be used for {@code public_disclosure});</li>
 *   <li>a legal exception needs nothing more: it is recorded with its reference.</li>
 * </ol>
 */
public final class PublicDisclosurePolicy {

    /**
     * What a determined violation of laws or of the platform's rules may disclose: the policy's example is a
     * store that sold counterfeit goods, whose "store certification subject information" is published with the
     * violation. The catalogue has no store certification; the closest field is the member's public name,
     * {@code membership.member_name}. Nothing else — no contact, address, identity document or order data.
     */
    public static final Set<String> DISCLOSABLE_ON_VIOLATION = Set.of("membership.member_name");

    static final Purpose PUBLIC_DISCLOSURE = new Purpose(PersonalDataPubliclyDisclosed.PUBLIC_DISCLOSURE_PURPOSE);

    private PublicDisclosurePolicy() {
    }

    public static DisclosureVerdict decide(RecordPublicDisclosure request, Catalogue catalogue) {
        Optional<DenialReason> caller = Disclosers.check(request.discloser(),
                request.basis() == PublicDisclosureBasis.LEGAL_EXCEPTION);
        if (caller.isPresent()) {
            return DisclosureVerdict.deny(caller.get());
        }
        if (request.basis() == PublicDisclosureBasis.VIOLATION_OF_RULES && request.reference().isEmpty()) {
            return DisclosureVerdict.deny(DenialReason.REFERENCE_REQUIRED);
        }
        if (request.tokens().isEmpty()
                || request.tokens().stream().anyMatch(t -> t.state() == TokenState.UNKNOWN || t.target().isEmpty())) {
            return DisclosureVerdict.deny(DenialReason.UNKNOWN_TOKEN);
        }
        for (TokenFacts facts : request.tokens()) {
            AccessedToken target = facts.target().orElseThrow();
            CategoryDefinition category = catalogue.categories().get(target.category());
            Optional<FieldDefinition> field = category == null ? Optional.empty() : category.field(target.field());
            if (field.isEmpty() || !field.get().type().detokenizable()) {
                return DisclosureVerdict.deny(DenialReason.FIELD_NOT_DETOKENIZABLE);
            }
        }
        List<SubjectId> erased = subjectsOf(request.tokens().stream().filter(t -> t.state() == TokenState.ERASED)
                .toList());
        if (!erased.isEmpty()) {
            return DisclosureVerdict.deny(DenialReason.DATA_ERASED, erased);
        }
        for (TokenFacts facts : request.tokens()) {
            if (!request.subjects().containsKey(facts.target().orElseThrow().subjectId())) {
                return DisclosureVerdict.deny(DenialReason.INTEGRITY_FAILURE);
            }
        }
        if (request.basis() == PublicDisclosureBasis.VIOLATION_OF_RULES) {
            for (TokenFacts facts : request.tokens()) {
                AccessedToken target = facts.target().orElseThrow();
                if (!DISCLOSABLE_ON_VIOLATION.contains(target.category().name() + "." + target.field())) {
                    return DisclosureVerdict.deny(DenialReason.CATEGORY_NOT_DISCLOSABLE);
                }
            }
        }
        if (request.basis() == PublicDisclosureBasis.CONSENT) {
            PurposeDefinition purpose = catalogue.purposes().get(PUBLIC_DISCLOSURE);
            if (purpose == null) {
                return DisclosureVerdict.deny(DenialReason.CONSENT_MISSING, subjectsOf(request.tokens()));
            }
            Set<SubjectId> refused = new LinkedHashSet<>();
            Optional<ConsentProblem> first = Optional.empty();
            for (TokenFacts facts : request.tokens()) {
                AccessedToken target = facts.target().orElseThrow();
                SubjectFacts subject = request.subjects().get(target.subjectId());
                Optional<ConsentProblem> problem = ConsentRules.check(
                        ConsentRules.required(purpose, catalogue.definition(target.category())), subject.consents(),
                        request.policy());
                if (problem.isPresent()) {
                    refused.add(target.subjectId());
                    first = first.or(() -> problem);
                }
            }
            if (first.isPresent()) {
                return DisclosureVerdict.deny(Disclosers.reason(first.get()), List.copyOf(refused));
            }
        }
        if (request.tokens().stream().anyMatch(t -> t.state() != TokenState.AVAILABLE)) {
            return DisclosureVerdict.deny(DenialReason.INTEGRITY_FAILURE);
        }
        return DisclosureVerdict.allow();
    }

    private static List<SubjectId> subjectsOf(List<TokenFacts> tokens) {
        return tokens.stream().map(t -> t.target().orElseThrow().subjectId()).distinct().toList();
    }
}
