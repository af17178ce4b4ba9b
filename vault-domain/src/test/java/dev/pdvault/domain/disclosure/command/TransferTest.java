package dev.pdvault.domain.disclosure.command;

import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.disclosure.api.DisclosureId;
import dev.pdvault.domain.disclosure.api.DisclosureVerdict;
import dev.pdvault.domain.disclosure.api.Discloser;
import dev.pdvault.domain.disclosure.api.Organisation;
import dev.pdvault.domain.disclosure.api.PersonalDataTransferred;
import dev.pdvault.domain.disclosure.api.RecordTransfer;
import dev.pdvault.domain.disclosure.api.SubjectStanding;
import dev.pdvault.domain.disclosure.api.TransferBasis;
import dev.pdvault.domain.disclosure.api.TransferRefused;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.ConsentStatus;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.LegalException;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.SubjectStatus;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static dev.pdvault.domain.TestCatalogue.CATALOGUE;
import static dev.pdvault.domain.TestCatalogue.TRANSFER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Transfers to another holder (policy: Three (2)): consent, merger with a bound successor, legal exceptions. */
class TransferTest {

    static final DisclosureId ID = DisclosureId.of("7e57a11e-0000-4000-8000-000000000001");
    static final SubjectId ALICE = SubjectId.of("3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f607");
    static final SubjectId BOB = SubjectId.of("4a2d3c5b-6e7f-4a81-9b02-c3d4e5f60718");
    static final SubjectId NOBODY = SubjectId.of("00000000-0000-4000-8000-00000000dead");
    static final Caller OFFICER = Caller.of("privacy-officer");
    static final Organisation BUYER = Organisation.of("Acme Holdings Ltd.");
    static final Instant AT = Instant.parse("2025-06-01T10:00:00Z");
    static final Discloser PRIVACY_OFFICER = new Discloser(true, false);
    static final Discloser LEGAL = new Discloser(false, true);
    static final LegalBasis COURT_ORDER = new LegalBasis(LegalException.CRIMINAL_INVESTIGATION, "case 2025/0142");

    private AggregateTestFixture<Transfer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Transfer.class);
        fixture.registerInjectableResource(CATALOGUE);
    }

    /** A transfer under construction: who asks, on which basis, and the subjects' standing. */
    static final class Ask {
        Discloser discloser = PRIVACY_OFFICER;
        TransferBasis basis;
        Optional<LegalBasis> legal = Optional.empty();
        Optional<String> reference = Optional.empty();
        boolean bound;
        final List<SubjectId> subjects = new ArrayList<>();
        final Map<SubjectId, SubjectStanding> standings = new HashMap<>();
        PolicyChanges policy = new PolicyChanges(1, List.of());

        Ask(TransferBasis basis) {
            this.basis = basis;
        }

        Ask by(Discloser who) {
            discloser = who;
            return this;
        }

        Ask subject(SubjectId id, SubjectStatus status, Boolean consentInForce) {
            subjects.add(id);
            standings.put(id, new SubjectStanding(id, status, consentInForce == null ? Map.of()
                    : Map.of(ConsentScope.of(TRANSFER), new ConsentStatus(consentInForce, 1))));
            return this;
        }

        Ask consenting(SubjectId id) {
            return subject(id, SubjectStatus.ACTIVE, true);
        }

        Ask unknown(SubjectId id) {
            subjects.add(id);
            return this;
        }

        Ask reference(String code) {
            reference = Optional.of(code);
            return this;
        }

        Ask bound() {
            bound = true;
            return this;
        }

        Ask legal(LegalBasis basis) {
            legal = Optional.of(basis);
            return this;
        }

        Ask majorChangeOfTransfer() {
            policy = new PolicyChanges(2, List.of(new PolicyChanges.MajorChange(2, Set.of(TRANSFER))));
            return this;
        }

        RecordTransfer command() {
            return new RecordTransfer(ID, OFFICER, discloser, BUYER, basis, legal, reference, bound, subjects,
                    standings, policy, AT);
        }

        @Override
        public String toString() {
            return basis.name();
        }
    }

    static Ask consent() {
        return new Ask(TransferBasis.CONSENT);
    }

    static Ask merger() {
        return new Ask(TransferBasis.MERGER_ACQUISITION_OR_BANKRUPTCY);
    }

    static Ask legalException() {
        return new Ask(TransferBasis.LEGAL_EXCEPTION).by(LEGAL).legal(COURT_ORDER);
    }

    private static DisclosureVerdict deny(DenialReason reason, SubjectId... subjects) {
        return DisclosureVerdict.deny(reason, List.of(subjects));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // ---- consent (Three (2) 1.)
                arguments("consent: every subject consented", consent().consenting(ALICE).consenting(BOB),
                        DisclosureVerdict.allow()),
                arguments("consent: one subject never consented, the whole transfer is refused",
                        consent().consenting(ALICE).subject(BOB, SubjectStatus.ACTIVE, null),
                        deny(DenialReason.CONSENT_MISSING, BOB)),
                arguments("consent: withdrawn", consent().subject(ALICE, SubjectStatus.ACTIVE, false),
                        deny(DenialReason.CONSENT_WITHDRAWN, ALICE)),
                arguments("consent: on hold after a major change of the transfer purpose",
                        consent().consenting(ALICE).majorChangeOfTransfer(), deny(DenialReason.CONSENT_ON_HOLD, ALICE)),
                arguments("consent: only the privacy officer decides", consent().by(LEGAL).consenting(ALICE),
                        deny(DenialReason.CALLER_MAY_NOT_DISCLOSE)),
                arguments("consent: nobody else either", consent().by(Discloser.none()).consenting(ALICE),
                        deny(DenialReason.CALLER_MAY_NOT_DISCLOSE)),
                // ---- merger, acquisition or bankruptcy (Three (2) 2.)
                arguments("merger: successor bound by the policy, with a reference",
                        merger().reference("MA-2025-07").bound().subject(ALICE, SubjectStatus.ACTIVE, null),
                        DisclosureVerdict.allow()),
                arguments("merger: successor not bound, consent must be sought again",
                        merger().reference("MA-2025-07").consenting(ALICE),
                        deny(DenialReason.SUCCESSOR_NOT_BOUND_BY_POLICY)),
                arguments("merger: no reference", merger().bound().consenting(ALICE),
                        deny(DenialReason.REFERENCE_REQUIRED)),
                arguments("merger: not by a legal identity", merger().by(LEGAL).reference("MA-2025-07").bound()
                        .consenting(ALICE), deny(DenialReason.CALLER_MAY_NOT_DISCLOSE)),
                // ---- legal exceptions (Three (4))
                arguments("legal exception by a legal identity, no consent needed",
                        legalException().subject(ALICE, SubjectStatus.ACTIVE, null), DisclosureVerdict.allow()),
                arguments("legal exception by the privacy officer", legalException().by(PRIVACY_OFFICER)
                        .consenting(ALICE), deny(DenialReason.LEGAL_EXCEPTION_NOT_PERMITTED_FOR_CALLER)),
                // ---- the subjects
                arguments("erased subjects are never transferred", merger().reference("MA-2025-07").bound()
                        .consenting(ALICE).subject(BOB, SubjectStatus.ERASED, true), deny(DenialReason.DATA_ERASED, BOB)),
                arguments("nor those being erased", legalException().subject(ALICE, SubjectStatus.ERASURE_REQUESTED,
                        null), deny(DenialReason.DATA_ERASED, ALICE)),
                arguments("an unknown subject", consent().consenting(ALICE).unknown(NOBODY),
                        deny(DenialReason.UNKNOWN_SUBJECT, NOBODY)),
                arguments("no subject at all", consent(), deny(DenialReason.UNKNOWN_SUBJECT)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decidesEachTransferOnItsBasis(String description, Ask ask, DisclosureVerdict expected) {
        assertThat(TransferPolicy.decide(ask.command())).isEqualTo(expected);
    }

    @Test
    void recordsAnAllowedTransferWithItsSubjectsAndBasis() {
        fixture.givenNoPriorActivity()
                .when(merger().reference("MA-2025-07").bound().consenting(ALICE).consenting(BOB).command())
                .expectEvents(new PersonalDataTransferred(ID, OFFICER, BUYER,
                        TransferBasis.MERGER_ACQUISITION_OR_BANKRUPTCY, Optional.empty(), Optional.of("MA-2025-07"),
                        true, List.of(ALICE, BOB), AT))
                .expectResultMessagePayload(DisclosureVerdict.allow());
    }

    @Test
    void recordsTheLegalExceptionWithTheTransfer() {
        fixture.givenNoPriorActivity()
                .when(legalException().subject(ALICE, SubjectStatus.ACTIVE, null).command())
                .expectEvents(new PersonalDataTransferred(ID, OFFICER, BUYER, TransferBasis.LEGAL_EXCEPTION,
                        Optional.of(COURT_ORDER), Optional.empty(), false, List.of(ALICE), AT));
    }

    @Test
    void recordsARefusedTransferNamingTheSubjectsWithoutConsentAndTheUnknownOnes() {
        fixture.givenNoPriorActivity()
                .when(consent().consenting(ALICE).subject(BOB, SubjectStatus.ACTIVE, null).command())
                .expectEvents(new TransferRefused(ID, OFFICER, BUYER, TransferBasis.CONSENT, Optional.empty(),
                        Optional.empty(), false, DenialReason.CONSENT_MISSING, List.of(ALICE, BOB), List.of(BOB),
                        List.of(), AT));

        fixture.givenNoPriorActivity()
                .when(consent().consenting(ALICE).unknown(NOBODY).command())
                .expectEvents(new TransferRefused(ID, OFFICER, BUYER, TransferBasis.CONSENT, Optional.empty(),
                        Optional.empty(), false, DenialReason.UNKNOWN_SUBJECT, List.of(ALICE), List.of(),
                        List.of(NOBODY), AT));
    }

    @Test
    void recordsAMergerRefusedForAnUnboundSuccessor() {
        fixture.givenNoPriorActivity()
                .when(merger().reference("MA-2025-07").consenting(ALICE).command())
                .expectEvents(new TransferRefused(ID, OFFICER, BUYER, TransferBasis.MERGER_ACQUISITION_OR_BANKRUPTCY,
                        Optional.empty(), Optional.of("MA-2025-07"), false,
                        DenialReason.SUCCESSOR_NOT_BOUND_BY_POLICY, List.of(ALICE), List.of(), List.of(), AT))
                .expectResultMessagePayload(DisclosureVerdict.deny(DenialReason.SUCCESSOR_NOT_BOUND_BY_POLICY));
    }
}
