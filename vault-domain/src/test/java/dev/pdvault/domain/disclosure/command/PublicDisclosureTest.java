package dev.pdvault.domain.disclosure.command;

import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.access.api.SubjectFacts;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.disclosure.api.DisclosureVerdict;
import dev.pdvault.domain.disclosure.api.Discloser;
import dev.pdvault.domain.disclosure.api.PersonalDataPubliclyDisclosed;
import dev.pdvault.domain.disclosure.api.PublicDisclosureBasis;
import dev.pdvault.domain.disclosure.api.PublicDisclosureRefused;
import dev.pdvault.domain.disclosure.api.RecordPublicDisclosure;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.ConsentStatus;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.subject.api.Region;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static dev.pdvault.domain.TestCatalogue.*;
import static dev.pdvault.domain.disclosure.command.TransferTest.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Public disclosure (policy: Three (3)): consent, a determined rule violation, legal exceptions. */
class PublicDisclosureTest {

    static final Token NAME_TOKEN = Token.of("tok_0123456789abcdefghjkmnpqrs");
    static final Token OTHER_TOKEN = Token.of("tok_abcdefghjkmnpqrstvwxyz0123");
    static final Token MISSING_TOKEN = Token.of("tok_zzzzzzzzzzzzzzzzzzzzzzzzzz");

    private AggregateTestFixture<PublicDisclosure> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(PublicDisclosure.class);
        fixture.registerInjectableResource(CATALOGUE);
    }

    /** A disclosure under construction: who asks, on which basis, the tokens and their subjects' consents. */
    static final class Ask {
        final PublicDisclosureBasis basis;
        Discloser discloser = PRIVACY_OFFICER;
        Optional<LegalBasis> legal = Optional.empty();
        Optional<String> reference = Optional.empty();
        final List<TokenFacts> tokens = new ArrayList<>();
        final Map<SubjectId, Map<ConsentScope, ConsentStatus>> consents = new HashMap<>();

        Ask(PublicDisclosureBasis basis) {
            this.basis = basis;
        }

        Ask by(Discloser who) {
            discloser = who;
            return this;
        }

        Ask data(SubjectId subject, Category category, String field) {
            return data(subject, category, field, TokenState.AVAILABLE);
        }

        Ask data(SubjectId subject, Category category, String field, TokenState state) {
            Token token = tokens.isEmpty() ? NAME_TOKEN : OTHER_TOKEN;
            tokens.add(new TokenFacts(token, Optional.of(new AccessedToken(token, subject, category, field,
                    MEMBERSHIP)), state));
            consents.putIfAbsent(subject, new HashMap<>());
            return this;
        }

        Ask unknownToken() {
            tokens.add(TokenFacts.unknown(MISSING_TOKEN));
            return this;
        }

        Ask consent(SubjectId subject, boolean inForce) {
            consents.computeIfAbsent(subject, k -> new HashMap<>())
                    .put(ConsentScope.of(PUBLIC_DISCLOSURE), new ConsentStatus(inForce, 1));
            return this;
        }

        Ask sensitiveConsent(SubjectId subject, Category category) {
            consents.computeIfAbsent(subject, k -> new HashMap<>())
                    .put(ConsentScope.of(PUBLIC_DISCLOSURE, category), new ConsentStatus(true, 1));
            return this;
        }

        Ask reference(String code) {
            reference = Optional.of(code);
            return this;
        }

        Ask legal(LegalBasis basis) {
            legal = Optional.of(basis);
            return this;
        }

        RecordPublicDisclosure command() {
            Map<SubjectId, SubjectFacts> subjects = new HashMap<>();
            consents.forEach((id, held) -> subjects.put(id, new SubjectFacts(id, Region.of("CN"), held, Set.of())));
            return new RecordPublicDisclosure(ID, OFFICER, discloser, basis, legal, reference, tokens, subjects,
                    new PolicyChanges(1, List.of()), AT);
        }

        @Override
        public String toString() {
            return basis.name();
        }
    }

    static Ask consent() {
        return new Ask(PublicDisclosureBasis.CONSENT);
    }

    static Ask violation() {
        return new Ask(PublicDisclosureBasis.VIOLATION_OF_RULES).reference("case V-2025-19");
    }

    static Ask legalException() {
        return new Ask(PublicDisclosureBasis.LEGAL_EXCEPTION).by(LEGAL).legal(COURT_ORDER);
    }

    private static DisclosureVerdict deny(DenialReason reason, SubjectId... subjects) {
        return DisclosureVerdict.deny(reason, List.of(subjects));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // ---- express consent (Three (3) 1.)
                arguments("consent: the subject consented", consent().data(ALICE, MEMBER, "member_name")
                        .consent(ALICE, true), DisclosureVerdict.allow()),
                arguments("consent: any category that is not sensitive", consent().data(ALICE, ORDER, "address")
                        .consent(ALICE, true), DisclosureVerdict.allow()),
                arguments("consent: missing for one of two subjects", consent().data(ALICE, MEMBER, "member_name")
                        .consent(ALICE, true).data(BOB, MEMBER, "member_name"), deny(DenialReason.CONSENT_MISSING, BOB)),
                arguments("consent: withdrawn", consent().data(ALICE, MEMBER, "member_name").consent(ALICE, false),
                        deny(DenialReason.CONSENT_WITHDRAWN, ALICE)),
                arguments("consent: a sensitive category needs its own consent", consent()
                        .data(ALICE, IDENTITY_DOCUMENT, "id_card_number").consent(ALICE, true),
                        deny(DenialReason.CONSENT_MISSING, ALICE)),
                arguments("consent: with the sensitive category's own consent", consent()
                        .data(ALICE, IDENTITY_DOCUMENT, "id_card_number").consent(ALICE, true)
                        .sensitiveConsent(ALICE, IDENTITY_DOCUMENT), DisclosureVerdict.allow()),
                arguments("consent: the privacy officer's decision, not a legal identity's", consent().by(LEGAL)
                        .data(ALICE, MEMBER, "member_name").consent(ALICE, true),
                        deny(DenialReason.CALLER_MAY_NOT_DISCLOSE)),
                // ---- a determined violation of rules (Three (3) 2.)
                arguments("violation: the member's public name, with a reference", violation()
                        .data(ALICE, MEMBER, "member_name"), DisclosureVerdict.allow()),
                arguments("violation: no reference", new Ask(PublicDisclosureBasis.VIOLATION_OF_RULES)
                        .data(ALICE, MEMBER, "member_name"), deny(DenialReason.REFERENCE_REQUIRED)),
                arguments("violation: not the phone", violation().data(ALICE, MEMBER, "phone"),
                        deny(DenialReason.CATEGORY_NOT_DISCLOSABLE)),
                arguments("violation: not the real name", violation().data(ALICE, PROFILE, "real_name"),
                        deny(DenialReason.CATEGORY_NOT_DISCLOSABLE)),
                arguments("violation: not an identity document", violation().data(ALICE, MEMBER, "member_name")
                        .data(ALICE, IDENTITY_DOCUMENT, "id_card_number"), deny(DenialReason.CATEGORY_NOT_DISCLOSABLE)),
                arguments("violation: consent does not widen it", violation().data(ALICE, ORDER, "address")
                        .consent(ALICE, true), deny(DenialReason.CATEGORY_NOT_DISCLOSABLE)),
                arguments("violation: only by the privacy officer", violation().by(LEGAL)
                        .data(ALICE, MEMBER, "member_name"), deny(DenialReason.CALLER_MAY_NOT_DISCLOSE)),
                // ---- legal exceptions (Three (4))
                arguments("legal exception by a legal identity", legalException().data(ALICE, PROFILE, "real_name"),
                        DisclosureVerdict.allow()),
                arguments("legal exception by the privacy officer", legalException().by(PRIVACY_OFFICER)
                        .data(ALICE, PROFILE, "real_name"), deny(DenialReason.LEGAL_EXCEPTION_NOT_PERMITTED_FOR_CALLER)),
                // ---- the data
                arguments("erased data is never disclosed", legalException().data(ALICE, MEMBER, "member_name",
                        TokenState.ERASED), deny(DenialReason.DATA_ERASED, ALICE)),
                arguments("erased data, even with consent", consent().data(ALICE, MEMBER, "member_name",
                        TokenState.ERASED).consent(ALICE, true), deny(DenialReason.DATA_ERASED, ALICE)),
                arguments("an unknown token", violation().data(ALICE, MEMBER, "member_name").unknownToken(),
                        deny(DenialReason.UNKNOWN_TOKEN)),
                arguments("no token", violation(), deny(DenialReason.UNKNOWN_TOKEN)),
                arguments("a field not in the catalogue", legalException().data(ALICE, MEMBER, "shoe_size"),
                        deny(DenialReason.FIELD_NOT_DETOKENIZABLE)),
                arguments("a value that did not open", legalException().data(ALICE, MEMBER, "member_name",
                        TokenState.UNREADABLE), deny(DenialReason.INTEGRITY_FAILURE)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decidesEachPublicDisclosureOnItsBasis(String description, Ask ask, DisclosureVerdict expected) {
        assertThat(PublicDisclosurePolicy.decide(ask.command(), CATALOGUE)).isEqualTo(expected);
    }

    @Test
    void onlyTheMembersPublicNameIsDisclosableOnAViolation() {
        assertThat(PublicDisclosurePolicy.DISCLOSABLE_ON_VIOLATION).containsExactly("membership.member_name");
    }

    @Test
    void recordsAnAllowedDisclosureWithItsTokensBasisAndReference() {
        RecordPublicDisclosure cmd = violation().data(ALICE, MEMBER, "member_name").command();

        fixture.givenNoPriorActivity()
                .when(cmd)
                .expectEvents(new PersonalDataPubliclyDisclosed(ID, OFFICER, PublicDisclosureBasis.VIOLATION_OF_RULES,
                        Optional.empty(), Optional.of("case V-2025-19"),
                        List.of(cmd.tokens().get(0).target().orElseThrow()), AT))
                .expectResultMessagePayload(DisclosureVerdict.allow());
    }

    @Test
    void recordsARefusedDisclosureWithItsReasonTokensAndSubjects() {
        RecordPublicDisclosure cmd = consent().data(ALICE, MEMBER, "member_name").unknownToken().command();
        RecordPublicDisclosure noConsent = consent().data(BOB, MEMBER, "member_name").command();

        fixture.givenNoPriorActivity()
                .when(cmd)
                .expectEvents(new PublicDisclosureRefused(ID, OFFICER, PublicDisclosureBasis.CONSENT, Optional.empty(),
                        Optional.empty(), DenialReason.UNKNOWN_TOKEN,
                        List.of(cmd.tokens().get(0).target().orElseThrow()), List.of(MISSING_TOKEN), List.of(), AT));
        fixture.givenNoPriorActivity()
                .when(noConsent)
                .expectEvents(new PublicDisclosureRefused(ID, OFFICER, PublicDisclosureBasis.CONSENT, Optional.empty(),
                        Optional.empty(), DenialReason.CONSENT_MISSING,
                        List.of(noConsent.tokens().get(0).target().orElseThrow()), List.of(), List.of(BOB), AT));
    }

    @Test
    void aLegalBasisGoesOnlyWithTheLegalExceptionBasis() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> violation().legal(COURT_ORDER).command())
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Ask(PublicDisclosureBasis.LEGAL_EXCEPTION)
                .by(LEGAL).command()).isInstanceOf(IllegalArgumentException.class);
    }

}
