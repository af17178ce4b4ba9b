package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.CrossBorderTransferRecorded;
import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.access.api.DetokenizationRefused;
import dev.pdvault.domain.access.api.LawfulBasis;
import dev.pdvault.domain.access.api.PersonalDataDetokenized;
import dev.pdvault.domain.access.api.RecordDetokenization;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.subject.api.Token;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.pdvault.domain.TestCatalogue.*;
import static dev.pdvault.domain.access.command.AccessFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

class DetokenizationTest {

    private AggregateTestFixture<Detokenization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Detokenization.class);
        fixture.registerInjectableResource(CATALOGUE);
    }

    @Test
    void recordsAnAllowedDetokenizationWithEveryTokenAndItsBasis() {
        fixture.givenNoPriorActivity()
                .when(request(MAY_DELIVER, DELIVERY, facts(address(), TokenState.AVAILABLE),
                        facts(phone(), TokenState.AVAILABLE)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PersonalDataDetokenized(ACCESS, COURIER, DELIVERY, LawfulBasis.CONTRACT,
                        Optional.empty(), List.of(address(), phone()), AT))
                .expectResultMessagePayload(Decision.allow(LawfulBasis.CONTRACT));
    }

    @Test
    void recordsTheLegalExceptionAndItsReferenceWithTheAccess() {
        RecordDetokenization cmd = ask(LEGAL_OFFICER, LEGAL_OBLIGATION).data(PROFILE, "real_name").legal(CASE)
                .request();

        fixture.givenNoPriorActivity()
                .when(cmd)
                .expectEvents(new PersonalDataDetokenized(ACCESS, COURIER, LEGAL_OBLIGATION,
                        LawfulBasis.LEGAL_EXCEPTION, Optional.of(CASE), known(cmd), AT))
                .expectResultMessagePayload(Decision.allow(LawfulBasis.LEGAL_EXCEPTION));
    }

    @Test
    void recordsACrossBorderTransferWithItsBasisNextToTheAccess() {
        RecordDetokenization cmd = ask(ABROAD, DELIVERY).data(ORDER, "address").consent(CROSS_BORDER).request();

        fixture.givenNoPriorActivity()
                .when(cmd)
                .expectEvents(
                        new PersonalDataDetokenized(ACCESS, COURIER, DELIVERY, LawfulBasis.CONTRACT, Optional.empty(),
                                known(cmd), AT),
                        new CrossBorderTransferRecorded(ACCESS, COURIER, List.of(SUBJECT), "CN", "DE",
                                LawfulBasis.CONTRACT, Optional.empty(), AT));
    }

    private static List<AccessedToken> known(RecordDetokenization cmd) {
        return cmd.tokens().stream().map(TokenFacts::target).flatMap(Optional::stream).toList();
    }

    /** One refused request per denial reason, with the tokens the refusal must name. */
    record RefusalCase(DenialReason reason, RecordDetokenization command, List<Token> unknown) {

        @Override
        public String toString() {
            return reason.name();
        }
    }

    static Stream<RefusalCase> refusals() {
        return Stream.of(
                // the unknown token is still named although the caller check decided
                new RefusalCase(DenialReason.CALLER_MAY_NOT_DETOKENIZE, ask(NOBODY, DELIVERY).data(ORDER, "address")
                        .tokens(TokenFacts.unknown(MISSING_TOKEN)).request(), List.of(MISSING_TOKEN)),
                new RefusalCase(DenialReason.LEGAL_EXCEPTION_NOT_PERMITTED_FOR_CALLER,
                        ask(MAY_DELIVER, DELIVERY).data(ORDER, "address").legal(CASE).request(), List.of()),
                new RefusalCase(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER,
                        ask(MAY_DELIVER, PAYMENT).data(PAYMENT_INFO, "amount").request(), List.of()),
                new RefusalCase(DenialReason.UNKNOWN_TOKEN, ask(MAY_DELIVER, DELIVERY).data(ORDER, "address")
                        .tokens(TokenFacts.unknown(MISSING_TOKEN)).request(), List.of(MISSING_TOKEN)),
                new RefusalCase(DenialReason.PURPOSE_NOT_ALLOWED_FOR_CATEGORY,
                        ask(MAY_DELIVER, DELIVERY).data(PROFILE, "real_name").request(), List.of()),
                new RefusalCase(DenialReason.FIELD_NOT_DETOKENIZABLE,
                        ask(MAY_DELIVER, DELIVERY).data(ORDER, "no_such_field").request(), List.of()),
                new RefusalCase(DenialReason.DATA_ERASED,
                        ask(MAY_DELIVER, DELIVERY).data(ORDER, "address", TokenState.ERASED).request(), List.of()),
                new RefusalCase(DenialReason.NOT_SHARED_WITH_RECIPIENT,
                        ask(COURIER_COMPANY_IDENTITY, DELIVERY).data(ORDER, "address").request(), List.of()),
                new RefusalCase(DenialReason.CROSS_BORDER_TRANSFER_NOT_PERMITTED,
                        ask(ABROAD, DELIVERY).data(ORDER, "address").request(), List.of()),
                new RefusalCase(DenialReason.OPTED_OUT, ask(MARKETER, MARKETING_SMS).data(SERVICE_LOG, "search_query")
                        .consent(MARKETING_SMS).optedOut(OptOut.SMS).request(), List.of()),
                new RefusalCase(DenialReason.CONSENT_MISSING,
                        ask(MEMBER_SERVICES, PERSONALISED).data(PROFILE, "real_name").request(), List.of()),
                new RefusalCase(DenialReason.CONSENT_WITHDRAWN, ask(MEMBER_SERVICES, PERSONALISED)
                        .data(PROFILE, "real_name").withdrawn(PERSONALISED).request(), List.of()),
                new RefusalCase(DenialReason.CONSENT_ON_HOLD, ask(MEMBER_SERVICES, PERSONALISED)
                        .data(PROFILE, "real_name").consent(PERSONALISED).majorChangeOf(PERSONALISED).request(),
                        List.of()),
                new RefusalCase(DenialReason.INTEGRITY_FAILURE,
                        ask(MAY_DELIVER, DELIVERY).data(ORDER, "address", TokenState.UNREADABLE).request(), List.of()));
    }

    @Test
    void everyDenialReasonHasARefusalCase() {
        Set<DenialReason> covered = refusals().map(RefusalCase::reason)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(DenialReason.class)));

        // a recipient's terms are checked on shares only (ShareTest); disclosures' reasons in disclosure.command
        EnumSet<DenialReason> notOfAccesses = EnumSet.copyOf(DISCLOSURE_ONLY);
        notOfAccesses.add(DenialReason.FIELD_NOT_ALLOWED_FOR_RECIPIENT);
        assertThat(covered).isEqualTo(EnumSet.complementOf(notOfAccesses));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void recordsARefusedDetokenizationWithItsReasonAndTokens(RefusalCase refusal) {
        RecordDetokenization cmd = refusal.command();

        fixture.givenNoPriorActivity()
                .when(cmd)
                .expectSuccessfulHandlerExecution()
                .expectEvents(new DetokenizationRefused(ACCESS, COURIER, cmd.purpose(), refusal.reason(),
                        cmd.legalBasis(), known(cmd), refusal.unknown(), AT))
                .expectResultMessagePayload(Decision.deny(refusal.reason()));
    }

    @Test
    void refusesARequestWithoutTokensAsUnknown() {
        fixture.givenNoPriorActivity()
                .when(request(MAY_DELIVER, DELIVERY))
                .expectEvents(new DetokenizationRefused(ACCESS, COURIER, DELIVERY, DenialReason.UNKNOWN_TOKEN,
                        Optional.empty(), List.of(), List.of(), AT))
                .expectResultMessagePayload(Decision.deny(DenialReason.UNKNOWN_TOKEN));
    }

    @ParameterizedTest
    @EnumSource(value = TokenState.class, names = {"ERASED", "UNREADABLE"})
    void neverRecordsPlaintextHandedOutForAnUnavailableToken(TokenState state) {
        fixture.givenNoPriorActivity()
                .when(request(MAY_DELIVER, DELIVERY, facts(address(), state)))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.not(Decision.allow(LawfulBasis.CONTRACT)))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(DetokenizationRefused.class)),
                        org.axonframework.test.matchers.Matchers.andNoMore()));
    }
}
