package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.AccessId;
import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.CallerGrant;
import dev.pdvault.domain.access.api.RecordDetokenization;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Shared values of the access tests: fixed ids, tokens and times, and builders of token facts. */
final class AccessFixtures {

    static final AccessId ACCESS = AccessId.of("c0ffee00-1234-4abc-8def-0123456789ab");
    static final SubjectId SUBJECT = SubjectId.of("3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f607");
    static final Caller COURIER = Caller.of("courier-service");
    static final Purpose DELIVERY = Purpose.of("delivery");
    static final Purpose MARKETING = Purpose.of("marketing");
    static final Category CONTACT = Category.of("contact");
    static final Instant AT = Instant.parse("2025-04-01T08:30:00Z");

    static final Token ADDRESS_TOKEN = Token.of("tok_0123456789abcdefghjkmnpqrs");
    static final Token PHONE_TOKEN = Token.of("tok_tvwxyz0123456789abcdefghjk");
    static final Token MISSING_TOKEN = Token.of("tok_zzzzzzzzzzzzzzzzzzzzzzzzzz");

    static final CallerGrant MAY_DELIVER = new CallerGrant(true, Set.of(DELIVERY));

    private AccessFixtures() {
    }

    static AccessedToken target(Token token, String field, Purpose collectedFor) {
        return new AccessedToken(token, SUBJECT, CONTACT, field, collectedFor);
    }

    static AccessedToken address() {
        return target(ADDRESS_TOKEN, "address", DELIVERY);
    }

    static AccessedToken phone() {
        return target(PHONE_TOKEN, "phone", DELIVERY);
    }

    static TokenFacts facts(AccessedToken target, TokenState state) {
        return new TokenFacts(target.token(), Optional.of(target), state);
    }

    static RecordDetokenization request(CallerGrant grant, Purpose purpose, TokenFacts... tokens) {
        return new RecordDetokenization(ACCESS, COURIER, grant, purpose, List.of(tokens), AT);
    }
}
