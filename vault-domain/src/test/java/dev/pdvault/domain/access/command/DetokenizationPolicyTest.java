package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.access.api.LawfulBasis;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.policy.OptOut;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.stream.Stream;

import static dev.pdvault.domain.TestCatalogue.*;
import static dev.pdvault.domain.access.command.AccessFixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The access decision as a table: caller × purpose × category × consent state × recipient (and the legal
 * exceptions, residency and opt-outs that modify them) against the expected decision, denials included.
 */
class DetokenizationPolicyTest {

    private static final Decision CONTRACT = Decision.allow(LawfulBasis.CONTRACT);
    private static final Decision CONSENT = Decision.allow(LawfulBasis.CONSENT);
    private static final Decision LEGAL = Decision.allow(LawfulBasis.LEGAL_EXCEPTION);

    private static Decision deny(DenialReason reason) {
        return Decision.deny(reason);
    }

    private static Arguments row(String description, Ask ask, Decision expected) {
        return arguments(description, ask, expected);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // ---- callers: who may ask at all, and for which purposes
                row("nobody: no grant", ask(NOBODY, DELIVERY).data(ORDER, "address"),
                        deny(DenialReason.CALLER_MAY_NOT_DETOKENIZE)),
                row("purposes listed but not allowed to detokenize",
                        ask(new dev.pdvault.domain.access.api.CallerGrant(false, java.util.Set.of(DELIVERY)), DELIVERY)
                                .data(ORDER, "address"),
                        deny(DenialReason.CALLER_MAY_NOT_DETOKENIZE)),
                row("logistics for delivery: basic purpose, order data", ask(MAY_DELIVER, DELIVERY)
                        .data(ORDER, "address"), CONTRACT),
                row("logistics for payment: purpose not granted", ask(MAY_DELIVER, PAYMENT)
                        .data(PAYMENT_INFO, "amount"), deny(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER)),
                row("unknown purpose to the catalogue", ask(service(dev.pdvault.domain.policy.Purpose.of("astrology")),
                        dev.pdvault.domain.policy.Purpose.of("astrology")).data(ORDER, "address"),
                        deny(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER)),

                // ---- purpose × category
                row("delivery may not use the profile", ask(MAY_DELIVER, DELIVERY).data(PROFILE, "real_name"),
                        deny(DenialReason.PURPOSE_NOT_ALLOWED_FOR_CATEGORY)),
                row("membership uses the member's phone", ask(MEMBER_SERVICES, MEMBERSHIP).data(MEMBER, "phone"),
                        CONTRACT),
                row("customer service uses order data", ask(MEMBER_SERVICES, CUSTOMER_SERVICE)
                        .data(ORDER, "consignee_name"), CONTRACT),
                row("security may not use identity documents", ask(MEMBER_SERVICES, SECURITY)
                        .data(IDENTITY_DOCUMENT, "id_card_number"), deny(DenialReason.PURPOSE_NOT_ALLOWED_FOR_CATEGORY)),
                row("a field the category does not have", ask(MAY_DELIVER, DELIVERY).data(ORDER, "shoe_size"),
                        deny(DenialReason.FIELD_NOT_DETOKENIZABLE)),

                // ---- consent states: additional purposes
                row("personalised membership without consent", ask(MEMBER_SERVICES, PERSONALISED)
                        .data(PROFILE, "real_name"), deny(DenialReason.CONSENT_MISSING)),
                row("personalised membership with consent", ask(MEMBER_SERVICES, PERSONALISED)
                        .data(PROFILE, "real_name").consent(PERSONALISED), CONSENT),
                row("personalised membership after withdrawal", ask(MEMBER_SERVICES, PERSONALISED)
                        .data(PROFILE, "real_name").withdrawn(PERSONALISED), deny(DenialReason.CONSENT_WITHDRAWN)),
                row("withdrawn additional consent never blocks the basic purpose", ask(MEMBER_SERVICES, MEMBERSHIP)
                        .data(PROFILE, "real_name").withdrawn(PERSONALISED), CONTRACT),
                row("consent to another purpose does not count", ask(MEMBER_SERVICES, PERSONALISED)
                        .data(PROFILE, "real_name").consent(LOCATION_RECOMMENDATION),
                        deny(DenialReason.CONSENT_MISSING)),
                row("consent on hold after a major change of its purpose", ask(MEMBER_SERVICES, PERSONALISED)
                        .data(PROFILE, "real_name").consent(PERSONALISED).majorChangeOf(PERSONALISED),
                        deny(DenialReason.CONSENT_ON_HOLD)),
                row("a major change of another purpose leaves the consent in force", ask(MEMBER_SERVICES, PERSONALISED)
                        .data(PROFILE, "real_name").consent(PERSONALISED).majorChangeOf(ADVERTISING), CONSENT),

                // ---- consent states: sensitive categories need their own consent
                row("location recommendation with purpose consent only", ask(MARKETER, LOCATION_RECOMMENDATION)
                        .data(LOCATION, "gps_location").consent(LOCATION_RECOMMENDATION),
                        deny(DenialReason.CONSENT_MISSING)),
                row("location recommendation with both consents", ask(MARKETER, LOCATION_RECOMMENDATION)
                        .data(LOCATION, "gps_location").consent(LOCATION_RECOMMENDATION)
                        .sensitiveConsent(LOCATION_RECOMMENDATION, LOCATION), CONSENT),
                row("sensitive consent to another category does not count", ask(MARKETER, LOCATION_RECOMMENDATION)
                        .data(LOCATION, "gps_location").consent(LOCATION_RECOMMENDATION)
                        .sensitiveConsent(LOCATION_RECOMMENDATION, IDENTITY_DOCUMENT),
                        deny(DenialReason.CONSENT_MISSING)),
                row("real-name verification: basic purpose, sensitive data, no consent", ask(VERIFIER, REAL_NAME)
                        .data(IDENTITY_DOCUMENT, "id_card_number"), deny(DenialReason.CONSENT_MISSING)),
                row("real-name verification with explicit consent to identity documents", ask(VERIFIER, REAL_NAME)
                        .data(IDENTITY_DOCUMENT, "id_card_number").sensitiveConsent(REAL_NAME, IDENTITY_DOCUMENT),
                        CONSENT),
                row("security uses location without consent? no: sensitive", ask(MEMBER_SERVICES, SECURITY)
                        .data(LOCATION, "gps_location"), deny(DenialReason.CONSENT_MISSING)),

                // ---- opt-outs
                row("SMS marketing after an SMS opt-out", ask(MARKETER, MARKETING_SMS).data(SERVICE_LOG, "search_query")
                        .consent(MARKETING_SMS).optedOut(OptOut.SMS), deny(DenialReason.OPTED_OUT)),
                row("SMS marketing after an email opt-out only", ask(MARKETER, MARKETING_SMS)
                        .data(SERVICE_LOG, "search_query").consent(MARKETING_SMS).optedOut(OptOut.EMAIL), CONSENT),
                row("advertising after opting out of targeting", ask(MARKETER, ADVERTISING)
                        .data(SERVICE_LOG, "search_query").consent(ADVERTISING).optedOut(OptOut.TARGETING),
                        deny(DenialReason.OPTED_OUT)),
                row("an opt-out does not touch basic purposes", ask(MEMBER_SERVICES, SECURITY)
                        .data(SERVICE_LOG, "search_query").optedOut(OptOut.TARGETING).optedOut(OptOut.SMS), CONTRACT),

                // ---- recipients
                row("delivery company, shared for delivery", ask(COURIER_COMPANY_IDENTITY, DELIVERY)
                        .data(ORDER, "address").sharedFor(DELIVERY), CONTRACT),
                row("delivery company, never shared", ask(COURIER_COMPANY_IDENTITY, DELIVERY).data(ORDER, "address"),
                        deny(DenialReason.NOT_SHARED_WITH_RECIPIENT)),
                row("delivery company, shared for another purpose", ask(COURIER_COMPANY_IDENTITY, DELIVERY)
                        .data(ORDER, "address").sharedFor(ORDER_FULFILMENT),
                        deny(DenialReason.NOT_SHARED_WITH_RECIPIENT)),
                row("payment institution asks for delivery data", ask(BANK_IDENTITY, DELIVERY).data(ORDER, "address")
                        .sharedFor(DELIVERY), deny(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER)),
                row("payment institution, amount shared for payment", ask(BANK_IDENTITY, PAYMENT)
                        .data(PAYMENT_INFO, "amount").sharedFor(PAYMENT), CONTRACT),

                // ---- legal exceptions
                row("legal exception by a privileged identity, no consent needed", ask(LEGAL_OFFICER, LEGAL_OBLIGATION)
                        .data(LOCATION, "gps_location").legal(CASE), LEGAL),
                row("legal exception overrides a withdrawal and an opt-out", ask(LEGAL_OFFICER, LEGAL_OBLIGATION)
                        .data(PROFILE, "real_name").withdrawn(PERSONALISED).optedOut(OptOut.TARGETING).legal(CASE),
                        LEGAL),
                row("legal exception by an unprivileged identity", ask(LEGAL_PURPOSE_WITHOUT_PRIVILEGE,
                        LEGAL_OBLIGATION).data(PROFILE, "real_name").legal(CASE),
                        deny(DenialReason.LEGAL_EXCEPTION_NOT_PERMITTED_FOR_CALLER)),
                row("legal exception still respects purpose and category", ask(LEGAL_OFFICER, SECURITY)
                        .data(PAYMENT_INFO, "amount").legal(CASE), deny(DenialReason.PURPOSE_NOT_ALLOWED_FOR_CATEGORY)),
                row("legal exception cannot open erased data", ask(LEGAL_OFFICER, LEGAL_OBLIGATION)
                        .data(PROFILE, "real_name", TokenState.ERASED).legal(CASE), deny(DenialReason.DATA_ERASED)),
                row("privileged identity without invoking an exception needs consent like anyone",
                        ask(LEGAL_OFFICER, SECURITY).data(LOCATION, "gps_location"),
                        deny(DenialReason.CONSENT_MISSING)),

                // ---- residency
                row("caller abroad, mainland-China subject, no authorisation", ask(ABROAD, DELIVERY)
                        .data(ORDER, "address"), deny(DenialReason.CROSS_BORDER_TRANSFER_NOT_PERMITTED)),
                row("caller abroad, subject authorised the transfer", ask(ABROAD, DELIVERY).data(ORDER, "address")
                        .consent(CROSS_BORDER), CONTRACT),
                row("caller abroad, subject of another region", ask(ABROAD, DELIVERY).data(ORDER, "address")
                        .region("DE"), CONTRACT),
                row("caller abroad on a legal exception", ask(ABROAD_LEGAL, LEGAL_OBLIGATION).data(ORDER, "address")
                        .legal(CASE), LEGAL),

                // ---- subject status and integrity
                row("data retained by law after erasure is not processed any more", ask(MAY_DELIVER, DELIVERY)
                        .data(ORDER, "address").erasureRequested(), deny(DenialReason.DATA_ERASED)),
                row("data retained by law after erasure opens on a legal exception", ask(LEGAL_OFFICER,
                        LEGAL_OBLIGATION).data(ORDER, "address").erasureRequested().legal(CASE), LEGAL),
                row("erased data", ask(MAY_DELIVER, DELIVERY).data(ORDER, "address", TokenState.ERASED),
                        deny(DenialReason.DATA_ERASED)),
                row("unreadable data", ask(MAY_DELIVER, DELIVERY).data(ORDER, "address", TokenState.UNREADABLE),
                        deny(DenialReason.INTEGRITY_FAILURE)),
                row("unknown token", ask(MAY_DELIVER, DELIVERY).tokens(TokenFacts.unknown(MISSING_TOKEN)),
                        deny(DenialReason.UNKNOWN_TOKEN)),
                row("no token at all", ask(MAY_DELIVER, DELIVERY), deny(DenialReason.UNKNOWN_TOKEN)),
                row("available state but no target", ask(MAY_DELIVER, DELIVERY)
                        .tokens(new TokenFacts(ADDRESS_TOKEN, Optional.empty(), TokenState.AVAILABLE)),
                        deny(DenialReason.UNKNOWN_TOKEN)),
                row("one unreadable among good ones denies all", ask(MAY_DELIVER, DELIVERY).data(ORDER, "address")
                        .data(ORDER, "consignee_phone", TokenState.UNREADABLE), deny(DenialReason.INTEGRITY_FAILURE)),

                // ---- precedence: the first failing check names the denial
                row("caller before unknown token", ask(NOBODY, DELIVERY).tokens(TokenFacts.unknown(MISSING_TOKEN)),
                        deny(DenialReason.CALLER_MAY_NOT_DETOKENIZE)),
                row("unknown before category", ask(MAY_DELIVER, DELIVERY).data(PROFILE, "real_name")
                        .tokens(TokenFacts.unknown(MISSING_TOKEN)), deny(DenialReason.UNKNOWN_TOKEN)),
                row("category before erased", ask(MAY_DELIVER, DELIVERY).data(PROFILE, "real_name", TokenState.ERASED),
                        deny(DenialReason.PURPOSE_NOT_ALLOWED_FOR_CATEGORY)),
                row("erased before recipient share", ask(COURIER_COMPANY_IDENTITY, DELIVERY)
                        .data(ORDER, "address", TokenState.ERASED), deny(DenialReason.DATA_ERASED)),
                row("opt-out before consent", ask(MARKETER, MARKETING_SMS).data(SERVICE_LOG, "search_query")
                        .optedOut(OptOut.SMS), deny(DenialReason.OPTED_OUT)),
                row("consent before integrity", ask(MEMBER_SERVICES, PERSONALISED)
                        .data(PROFILE, "real_name", TokenState.UNREADABLE), deny(DenialReason.CONSENT_MISSING)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decidesByTheFirstFailingCheck(String description, Ask ask, Decision expected) {
        Decision decision = DetokenizationPolicy.decide(ask.request(), CATALOGUE);

        assertThat(decision).isEqualTo(expected);
    }

    @Test
    void everyDenialReasonIsReachableFromTheTable() {
        var reached = table().map(a -> (Decision) a.get()[2]).flatMap(d -> d.denial().stream())
                .collect(java.util.stream.Collectors.toSet());

        var notOfAccesses = java.util.EnumSet.copyOf(DISCLOSURE_ONLY);
        notOfAccesses.add(DenialReason.FIELD_NOT_ALLOWED_FOR_RECIPIENT);
        assertThat(reached).containsExactlyInAnyOrderElementsOf(java.util.EnumSet.complementOf(notOfAccesses));
    }

    @Test
    void aTransferOutOfTheRegionNamesOnlyMainlandChinaSubjectsAndOnlyForCallersAbroad() {
        assertThat(DetokenizationPolicy.crossBorderSubjects(ask(ABROAD, DELIVERY).data(ORDER, "address").request()))
                .containsExactly(SUBJECT);
        assertThat(DetokenizationPolicy.crossBorderSubjects(ask(ABROAD, DELIVERY).data(ORDER, "address")
                .region("DE").request())).isEmpty();
        assertThat(DetokenizationPolicy.crossBorderSubjects(ask(MAY_DELIVER, DELIVERY).data(ORDER, "address")
                .request())).isEmpty();
    }
}
