package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.CallerGrant;
import dev.pdvault.domain.access.api.Decision;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.access.api.RecordDetokenization;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.policy.Purpose;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static dev.pdvault.domain.access.command.AccessFixtures.ADDRESS_TOKEN;
import static dev.pdvault.domain.access.command.AccessFixtures.DELIVERY;
import static dev.pdvault.domain.access.command.AccessFixtures.MARKETING;
import static dev.pdvault.domain.access.command.AccessFixtures.MAY_DELIVER;
import static dev.pdvault.domain.access.command.AccessFixtures.MISSING_TOKEN;
import static dev.pdvault.domain.access.command.AccessFixtures.address;
import static dev.pdvault.domain.access.command.AccessFixtures.facts;
import static dev.pdvault.domain.access.command.AccessFixtures.phone;
import static dev.pdvault.domain.access.command.AccessFixtures.request;
import static dev.pdvault.domain.access.command.AccessFixtures.target;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class DetokenizationPolicyTest {

    private static final CallerGrant NO_GRANT = CallerGrant.none();
    /** May not detokenize, even though purposes are listed: the flag wins. */
    private static final CallerGrant PURPOSES_BUT_NO_FLAG = new CallerGrant(false, Set.of(DELIVERY, MARKETING));
    private static final CallerGrant MAY_MARKET = new CallerGrant(true, Set.of(MARKETING));
    private static final CallerGrant MAY_DO_BOTH = new CallerGrant(true, Set.of(DELIVERY, MARKETING));
    private static final CallerGrant FLAG_BUT_NO_PURPOSE = new CallerGrant(true, Set.of());

    private static TokenFacts available() {
        return facts(address(), TokenState.AVAILABLE);
    }

    private static TokenFacts erased() {
        return facts(phone(), TokenState.ERASED);
    }

    private static TokenFacts unreadable() {
        return facts(phone(), TokenState.UNREADABLE);
    }

    private static TokenFacts unknown() {
        return TokenFacts.unknown(MISSING_TOKEN);
    }

    /** Collected for marketing, so not usable for delivery. */
    private static TokenFacts collectedForMarketing(TokenState state) {
        return facts(target(ADDRESS_TOKEN, "address", MARKETING), state);
    }

    private static final Decision ALLOW = Decision.ALLOW;

    private static Decision deny(DenialReason reason) {
        return Decision.deny(reason);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // ---- caller grant x purpose, with an available token
                arguments("allowed: granted purpose, available token",
                        MAY_DELIVER, DELIVERY, new TokenFacts[] {available()}, ALLOW),
                arguments("allowed: one of several granted purposes",
                        MAY_DO_BOTH, MARKETING, new TokenFacts[] {collectedForMarketing(TokenState.AVAILABLE)}, ALLOW),
                arguments("allowed: every token available",
                        MAY_DELIVER, DELIVERY, new TokenFacts[] {available(), facts(phone(), TokenState.AVAILABLE)},
                        ALLOW),
                arguments("caller without grant",
                        NO_GRANT, DELIVERY, new TokenFacts[] {available()},
                        deny(DenialReason.CALLER_MAY_NOT_DETOKENIZE)),
                arguments("caller with purposes but without the detokenize flag",
                        PURPOSES_BUT_NO_FLAG, DELIVERY, new TokenFacts[] {available()},
                        deny(DenialReason.CALLER_MAY_NOT_DETOKENIZE)),
                arguments("purpose not granted to the caller",
                        MAY_MARKET, DELIVERY, new TokenFacts[] {available()},
                        deny(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER)),
                arguments("caller granted no purpose at all",
                        FLAG_BUT_NO_PURPOSE, DELIVERY, new TokenFacts[] {available()},
                        deny(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER)),
                arguments("data collected for another purpose",
                        MAY_DO_BOTH, DELIVERY, new TokenFacts[] {collectedForMarketing(TokenState.AVAILABLE)},
                        deny(DenialReason.PURPOSE_NOT_ALLOWED_FOR_DATA)),

                // ---- token states with a fully granted caller
                arguments("unknown token",
                        MAY_DELIVER, DELIVERY, new TokenFacts[] {unknown()}, deny(DenialReason.UNKNOWN_TOKEN)),
                arguments("no token at all",
                        MAY_DELIVER, DELIVERY, new TokenFacts[] {}, deny(DenialReason.UNKNOWN_TOKEN)),
                arguments("state available but no target",
                        MAY_DELIVER, DELIVERY,
                        new TokenFacts[] {new TokenFacts(ADDRESS_TOKEN, Optional.empty(), TokenState.AVAILABLE)},
                        deny(DenialReason.UNKNOWN_TOKEN)),
                arguments("state unknown although a target is named",
                        MAY_DELIVER, DELIVERY, new TokenFacts[] {facts(address(), TokenState.UNKNOWN)},
                        deny(DenialReason.UNKNOWN_TOKEN)),
                arguments("erased token",
                        MAY_DELIVER, DELIVERY, new TokenFacts[] {erased()}, deny(DenialReason.DATA_ERASED)),
                arguments("unreadable token",
                        MAY_DELIVER, DELIVERY, new TokenFacts[] {unreadable()}, deny(DenialReason.INTEGRITY_FAILURE)),
                arguments("one bad token among good ones denies all",
                        MAY_DELIVER, DELIVERY, new TokenFacts[] {available(), unreadable()},
                        deny(DenialReason.INTEGRITY_FAILURE)),

                // ---- precedence: the first failing check names the denial, whatever the token order
                arguments("caller check before unknown token",
                        NO_GRANT, DELIVERY, new TokenFacts[] {unknown()},
                        deny(DenialReason.CALLER_MAY_NOT_DETOKENIZE)),
                arguments("caller check before every token problem",
                        NO_GRANT, MARKETING, new TokenFacts[] {unreadable(), erased(), unknown()},
                        deny(DenialReason.CALLER_MAY_NOT_DETOKENIZE)),
                arguments("caller's purpose check before unknown token",
                        MAY_MARKET, DELIVERY, new TokenFacts[] {unknown()},
                        deny(DenialReason.PURPOSE_NOT_GRANTED_TO_CALLER)),
                arguments("unknown before purpose of the data",
                        MAY_DO_BOTH, DELIVERY,
                        new TokenFacts[] {collectedForMarketing(TokenState.AVAILABLE), unknown()},
                        deny(DenialReason.UNKNOWN_TOKEN)),
                arguments("unknown before erased and unreadable",
                        MAY_DELIVER, DELIVERY, new TokenFacts[] {erased(), unreadable(), unknown()},
                        deny(DenialReason.UNKNOWN_TOKEN)),
                arguments("purpose of the data before erased (other token)",
                        MAY_DO_BOTH, DELIVERY,
                        new TokenFacts[] {erased(), collectedForMarketing(TokenState.AVAILABLE)},
                        deny(DenialReason.PURPOSE_NOT_ALLOWED_FOR_DATA)),
                arguments("purpose of the data before erased (same token)",
                        MAY_DO_BOTH, DELIVERY, new TokenFacts[] {collectedForMarketing(TokenState.ERASED)},
                        deny(DenialReason.PURPOSE_NOT_ALLOWED_FOR_DATA)),
                arguments("purpose of the data before integrity",
                        MAY_DO_BOTH, DELIVERY, new TokenFacts[] {collectedForMarketing(TokenState.UNREADABLE)},
                        deny(DenialReason.PURPOSE_NOT_ALLOWED_FOR_DATA)),
                arguments("erased before integrity",
                        MAY_DELIVER, DELIVERY, new TokenFacts[] {unreadable(), erased()},
                        deny(DenialReason.DATA_ERASED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decidesByTheFirstFailingCheck(String description, CallerGrant grant, Purpose purpose, TokenFacts[] tokens,
                                       Decision expected) {
        RecordDetokenization request = request(grant, purpose, tokens);

        Decision decision = DetokenizationPolicy.decide(request);

        assertThat(decision).isEqualTo(expected);
        assertThat(decision.allowed()).isEqualTo(expected.denial().isEmpty());
    }
}
