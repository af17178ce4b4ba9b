package dev.pdvault.domain.access.command;

import dev.pdvault.domain.access.api.AccessId;
import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.CallerGrant;
import dev.pdvault.domain.access.api.RecordDetokenization;
import dev.pdvault.domain.access.api.SubjectFacts;
import dev.pdvault.domain.access.api.TokenFacts;
import dev.pdvault.domain.access.api.TokenState;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.ConsentStatus;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.Region;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.pdvault.domain.TestCatalogue.*;

/** Shared values of the access tests: fixed ids, callers, tokens and times, and a builder of requests. */
final class AccessFixtures {

    static final AccessId ACCESS = AccessId.of("c0ffee00-1234-4abc-8def-0123456789ab");
    static final SubjectId SUBJECT = SubjectId.of("3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f607");
    static final Caller COURIER = Caller.of("courier-service");
    static final Instant AT = Instant.parse("2025-04-01T08:30:00Z");

    static final Token ADDRESS_TOKEN = Token.of("tok_0123456789abcdefghjkmnpqrs");
    static final Token PHONE_TOKEN = Token.of("tok_tvwxyz0123456789abcdefghjk");
    static final Token MISSING_TOKEN = Token.of("tok_zzzzzzzzzzzzzzzzzzzzzzzzzz");
    static final Token OTHER_TOKEN = Token.of("tok_abcdefghjkmnpqrstvwxyz0123");

    // ---- callers
    static final CallerGrant NOBODY = CallerGrant.none();
    static final CallerGrant MAY_DELIVER = service(DELIVERY, ORDER_FULFILMENT);
    static final CallerGrant MEMBER_SERVICES = service(MEMBERSHIP, PERSONALISED, CUSTOMER_SERVICE, SECURITY);
    static final CallerGrant MARKETER = service(ADVERTISING, MARKETING_SMS, LOCATION_RECOMMENDATION);
    static final CallerGrant VERIFIER = service(REAL_NAME);
    static final CallerGrant COURIER_COMPANY_IDENTITY = new CallerGrant(true, Set.of(DELIVERY), false,
            Optional.of(COURIER_COMPANY), "CN");
    static final CallerGrant BANK_IDENTITY = new CallerGrant(true, Set.of(PAYMENT), false, Optional.of(BANK), "CN");
    static final CallerGrant LEGAL_OFFICER = new CallerGrant(true, Set.of(LEGAL_OBLIGATION, SECURITY), true,
            Optional.empty(), "CN");
    static final CallerGrant LEGAL_PURPOSE_WITHOUT_PRIVILEGE = service(LEGAL_OBLIGATION);
    static final CallerGrant ABROAD = new CallerGrant(true, Set.of(DELIVERY, CUSTOMER_SERVICE), false,
            Optional.empty(), "DE");
    static final CallerGrant ABROAD_LEGAL = new CallerGrant(true, Set.of(LEGAL_OBLIGATION), true,
            Optional.empty(), "DE");

    static final LegalBasis CASE = new LegalBasis(dev.pdvault.domain.policy.LegalException.CRIMINAL_INVESTIGATION,
            "case 2025/0142");

    /** Reasons only transfers, public disclosures and statistics releases give (tested in disclosure.command). */
    static final Set<dev.pdvault.domain.access.api.DenialReason> DISCLOSURE_ONLY = EnumSet.of(
            dev.pdvault.domain.access.api.DenialReason.CALLER_MAY_NOT_DISCLOSE,
            dev.pdvault.domain.access.api.DenialReason.UNKNOWN_SUBJECT,
            dev.pdvault.domain.access.api.DenialReason.REFERENCE_REQUIRED,
            dev.pdvault.domain.access.api.DenialReason.SUCCESSOR_NOT_BOUND_BY_POLICY,
            dev.pdvault.domain.access.api.DenialReason.CATEGORY_NOT_DISCLOSABLE,
            dev.pdvault.domain.access.api.DenialReason.NOT_AN_ADVERTISING_CLIENT,
            dev.pdvault.domain.access.api.DenialReason.PURPOSE_NOT_FOR_STATISTICS);

    private AccessFixtures() {
    }

    static CallerGrant service(Purpose... purposes) {
        return new CallerGrant(true, Set.of(purposes));
    }

    static AccessedToken target(Token token, Category category, String field, Purpose collectedFor) {
        return new AccessedToken(token, SUBJECT, category, field, collectedFor);
    }

    static AccessedToken address() {
        return target(ADDRESS_TOKEN, ORDER, "address", ORDER_FULFILMENT);
    }

    static AccessedToken phone() {
        return target(PHONE_TOKEN, ORDER, "consignee_phone", ORDER_FULFILMENT);
    }

    static TokenFacts facts(AccessedToken target, TokenState state) {
        return new TokenFacts(target.token(), Optional.of(target), state);
    }

    static RecordDetokenization request(CallerGrant grant, Purpose purpose, TokenFacts... tokens) {
        return ask(grant, purpose).tokens(tokens).request();
    }

    static Ask ask(CallerGrant grant, Purpose purpose) {
        return new Ask(grant, purpose);
    }

    /** A request under construction: the data asked for and the subject's consents, opt-outs and region. */
    static final class Ask {
        private final CallerGrant grant;
        private final Purpose purpose;
        private final List<TokenFacts> tokens = new ArrayList<>();
        private final Map<ConsentScope, ConsentStatus> consents = new HashMap<>();
        private final Set<OptOut> optOuts = EnumSet.noneOf(OptOut.class);
        private final Set<Purpose> shared = new HashSet<>();
        private Region region = Region.of("CN");
        private dev.pdvault.domain.subject.api.SubjectStatus status = dev.pdvault.domain.subject.api.SubjectStatus.ACTIVE;
        private Optional<LegalBasis> legal = Optional.empty();
        private PolicyChanges policy = new PolicyChanges(1, List.of());

        Ask(CallerGrant grant, Purpose purpose) {
            this.grant = grant;
            this.purpose = purpose;
        }

        Ask tokens(TokenFacts... facts) {
            tokens.addAll(List.of(facts));
            return this;
        }

        /** One available token of the category's field. */
        Ask data(Category category, String field) {
            return data(category, field, TokenState.AVAILABLE);
        }

        Ask data(Category category, String field, TokenState state) {
            Token token = tokens.isEmpty() ? ADDRESS_TOKEN : OTHER_TOKEN;
            return tokens(facts(target(token, category, field, purpose), state));
        }

        Ask consent(Purpose consented) {
            consents.put(ConsentScope.of(consented), new ConsentStatus(true, 1));
            return this;
        }

        Ask sensitiveConsent(Purpose consented, Category category) {
            consents.put(ConsentScope.of(consented, category), new ConsentStatus(true, 1));
            return this;
        }

        Ask withdrawn(Purpose consented) {
            consents.put(ConsentScope.of(consented), new ConsentStatus(false, 1));
            return this;
        }

        Ask optedOut(OptOut optOut) {
            optOuts.add(optOut);
            return this;
        }

        Ask sharedFor(Purpose sharedPurpose) {
            shared.add(sharedPurpose);
            return this;
        }

        Ask region(String code) {
            region = Region.of(code);
            return this;
        }

        /** The subject asked for erasure; this data is kept (retention, or a hold). */
        Ask erasureRequested() {
            status = dev.pdvault.domain.subject.api.SubjectStatus.ERASED;
            return this;
        }

        Ask legal(LegalBasis basis) {
            legal = Optional.of(basis);
            return this;
        }

        /** A major change of the purpose was published after the consents (given under version 1). */
        Ask majorChangeOf(Purpose changed) {
            policy = new PolicyChanges(2, List.of(new PolicyChanges.MajorChange(2, Set.of(changed))));
            return this;
        }

        RecordDetokenization request() {
            List<TokenFacts> withShares = tokens.stream()
                    .map(t -> new TokenFacts(t.token(), t.target(), t.state(), shared)).toList();
            return new RecordDetokenization(ACCESS, COURIER, grant, purpose, legal, withShares,
                    Map.of(SUBJECT, new SubjectFacts(SUBJECT, status, region, consents, optOuts)), policy, AT);
        }
    }
}
