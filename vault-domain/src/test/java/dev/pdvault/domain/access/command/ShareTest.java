package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.CallerGrant;
import dev.pdvault.domain.access.api.CrossBorderTransferRecorded;
import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.access.api.LawfulBasis;
import dev.pdvault.domain.access.api.PersonalDataShared;
import dev.pdvault.domain.access.api.RecordDetokenization;
import dev.pdvault.domain.access.api.RecordShare;
import dev.pdvault.domain.access.api.ShareRefused;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static dev.pdvault.domain.TestCatalogue.*;
import static dev.pdvault.domain.access.command.AccessFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Sharing with recipients: exactly the fields each may receive for each purpose, decided like an access. */
class ShareTest {

    private static final CallerGrant ORDER_SERVICE = service(PAYMENT, DELIVERY, ADVERTISING);

    private AggregateTestFixture<Share> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Share.class);
        fixture.registerInjectableResource(CATALOGUE);
    }

    private static RecordShare share(Recipient recipient, Ask ask) {
        RecordDetokenization r = ask.request();
        return new RecordShare(r.accessId(), r.caller(), r.grant(), recipient, r.purpose(), r.legalBasis(),
                r.tokens(), r.subjects(), r.policy(), r.at());
    }

    static Stream<Arguments> table() {
        return Stream.of(
                arguments("payment institution: order number for payment", BANK,
                        ask(ORDER_SERVICE, PAYMENT).data(PAYMENT_INFO, "order_number").data(PAYMENT_INFO, "amount"),
                        Decision.allow(LawfulBasis.CONTRACT)),
                arguments("payment institution: nothing but order number and amount", BANK,
                        ask(ORDER_SERVICE, PAYMENT).data(PAYMENT_INFO, "order_number").data(ORDER, "consignee_name"),
                        Decision.deny(DenialReason.FIELD_NOT_ALLOWED_FOR_RECIPIENT)),
                arguments("delivery company: consignee name for delivery", COURIER_COMPANY,
                        ask(ORDER_SERVICE, DELIVERY).data(ORDER, "consignee_name"),
                        Decision.allow(LawfulBasis.CONTRACT)),
                arguments("delivery company: not the postal code alone", COURIER_COMPANY,
                        ask(ORDER_SERVICE, DELIVERY).data(ORDER, "postal_code"),
                        Decision.deny(DenialReason.FIELD_NOT_ALLOWED_FOR_RECIPIENT)),
                arguments("delivery company: not for payment", COURIER_COMPANY,
                        ask(ORDER_SERVICE, PAYMENT).data(PAYMENT_INFO, "amount"),
                        Decision.deny(DenialReason.FIELD_NOT_ALLOWED_FOR_RECIPIENT)),
                arguments("advertising client: never personal data, even with consent", AD_CLIENT,
                        ask(ORDER_SERVICE, ADVERTISING).data(SERVICE_LOG, "search_query").consent(ADVERTISING),
                        Decision.deny(DenialReason.FIELD_NOT_ALLOWED_FOR_RECIPIENT)),
                arguments("a caller without the purpose cannot share for it", BANK,
                        ask(service(DELIVERY), PAYMENT).data(PAYMENT_INFO, "amount"),
                        Decision.deny(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER)),
                arguments("erased data is not shared", BANK,
                        ask(ORDER_SERVICE, PAYMENT).data(PAYMENT_INFO, "amount",
                                dev.pdvault.domain.access.api.TokenState.ERASED),
                        Decision.deny(DenialReason.DATA_ERASED)),
                arguments("a recipient abroad, no authorisation to leave the region", FOREIGN_BANK,
                        ask(ORDER_SERVICE, PAYMENT).data(PAYMENT_INFO, "amount"),
                        Decision.deny(DenialReason.CROSS_BORDER_TRANSFER_NOT_PERMITTED)),
                arguments("a recipient abroad, with the subject's authorisation", FOREIGN_BANK,
                        ask(ORDER_SERVICE, PAYMENT).data(PAYMENT_INFO, "amount").consent(CROSS_BORDER),
                        Decision.allow(LawfulBasis.CONTRACT)),
                arguments("unknown token", BANK, ask(ORDER_SERVICE, PAYMENT).tokens(TokenFacts.unknown(MISSING_TOKEN)),
                        Decision.deny(DenialReason.UNKNOWN_TOKEN)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decidesEachShareOnTheRecipientsTerms(String description, Recipient recipient, Ask ask, Decision expected) {
        assertThat(SharePolicy.decide(share(recipient, ask), CATALOGUE)).isEqualTo(expected);
    }

    @Test
    void recordsAnAllowedShareWithItsTokens() {
        RecordShare cmd = share(COURIER_COMPANY, ask(ORDER_SERVICE, DELIVERY).data(ORDER, "address"));
        List<AccessedToken> tokens = cmd.tokens().stream().map(TokenFacts::target).flatMap(Optional::stream).toList();

        fixture.givenNoPriorActivity()
                .when(cmd)
                .expectEvents(new PersonalDataShared(ACCESS, COURIER, COURIER_COMPANY, DELIVERY, LawfulBasis.CONTRACT,
                        Optional.empty(), tokens, AT));
    }

    @Test
    void recordsARefusedShareWithItsReason() {
        RecordShare cmd = share(AD_CLIENT, ask(ORDER_SERVICE, ADVERTISING).data(SERVICE_LOG, "search_query"));
        List<AccessedToken> tokens = cmd.tokens().stream().map(TokenFacts::target).flatMap(Optional::stream).toList();

        fixture.givenNoPriorActivity()
                .when(cmd)
                .expectEvents(new ShareRefused(ACCESS, COURIER, AD_CLIENT, ADVERTISING,
                        DenialReason.FIELD_NOT_ALLOWED_FOR_RECIPIENT, Optional.empty(), tokens, List.of(), AT));
    }

    @Test
    void recordsTheTransferWhenAShareLeavesTheRegion() {
        RecordShare cmd = share(FOREIGN_BANK, ask(ORDER_SERVICE, PAYMENT).data(PAYMENT_INFO, "amount")
                .consent(CROSS_BORDER));
        List<AccessedToken> tokens = cmd.tokens().stream().map(TokenFacts::target).flatMap(Optional::stream).toList();

        fixture.givenNoPriorActivity()
                .when(cmd)
                .expectEvents(new PersonalDataShared(ACCESS, COURIER, FOREIGN_BANK, PAYMENT, LawfulBasis.CONTRACT,
                                Optional.empty(), tokens, AT),
                        new CrossBorderTransferRecorded(ACCESS, COURIER, List.of(SUBJECT), "CN", "US",
                                LawfulBasis.CONTRACT, Optional.empty(), AT));
    }
}
