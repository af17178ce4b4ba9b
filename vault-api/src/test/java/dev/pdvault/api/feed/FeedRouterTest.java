package dev.pdvault.api.feed;

import dev.pdvault.api.policy.CatalogueLoader;
import dev.pdvault.api.security.Identity;
import dev.pdvault.api.security.Role;
import dev.pdvault.crypto.SealedValue;
import dev.pdvault.domain.access.api.AccessId;
import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.LawfulBasis;
import dev.pdvault.domain.access.api.PersonalDataShared;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.policy.Source;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.CollectionId;
import dev.pdvault.domain.subject.api.ConsentWithdrawn;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.ErasureId;
import dev.pdvault.domain.subject.api.Notice;
import dev.pdvault.domain.subject.api.OptedOut;
import dev.pdvault.domain.subject.api.PersonalDataCollected;
import dev.pdvault.domain.subject.api.PersonalDataCorrected;
import dev.pdvault.domain.subject.api.RecipientsNotified;
import dev.pdvault.domain.subject.api.SealedField;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The feed's rule of who hears of what (docs/architecture.md, "The event feed"), event by event. */
class FeedRouterTest {

    private static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");
    private static final Catalogue CATALOGUE = catalogue();
    private static final List<Identity> IDENTITIES = List.of(
            service("logistics", "delivery", "order_fulfilment"),
            service("payments", "payment"),
            service("marketing", "marketing_sms", "advertising", "personalised_membership"),
            new Identity(new Caller("courier"), Set.of(Role.DETOKENIZER), Set.of(new Purpose("delivery")),
                    Optional.of(new Recipient("sf-express")), "CN"),
            new Identity(new Caller("collector"), Set.of(Role.COLLECTOR), Set.of()));

    private final SubjectId subject = new SubjectId(UUID.randomUUID().toString());
    private final Token name = token('1');
    private final Token address = token('2');
    private final Facts facts = new Facts();
    private final FeedRouter router = new FeedRouter(new FeedAudience(IDENTITIES, CATALOGUE), facts);

    private static final class Facts implements FeedFacts {
        final Map<Token, Category> categories = new HashMap<>();
        final Set<Category> collected = new HashSet<>();
        final Map<Token, Set<String>> shares = new HashMap<>();

        @Override
        public Optional<Category> categoryOf(Token token) {
            return Optional.ofNullable(categories.get(token));
        }

        @Override
        public Set<Category> categoriesCollected(SubjectId subject, Instant until) {
            return collected;
        }

        @Override
        public Set<String> sharedWith(Token token, Instant until) {
            return shares.getOrDefault(token, Set.of());
        }
    }

    private static Catalogue catalogue() {
        try (InputStream in = FeedRouterTest.class.getResourceAsStream("/policy/catalogue.yaml")) {
            return CatalogueLoader.load(in, "catalogue.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Identity service(String name, String... purposes) {
        return new Identity(new Caller(name), Set.of(Role.DETOKENIZER),
                java.util.Arrays.stream(purposes).map(Purpose::new).collect(java.util.stream.Collectors.toSet()));
    }

    private static Token token(char last) {
        return new Token("tok_" + "0".repeat(25) + last);
    }

    private static SealedValue sealed() {
        byte[] bytes = new byte[SealedValue.OVERHEAD + 4];
        bytes[0] = SealedValue.LAYOUT_V1;
        bytes[1] = 0x01;
        return new SealedValue(bytes);
    }

    private PersonalDataCollected anOrder() {
        facts.categories.put(name, new Category("order"));
        facts.categories.put(address, new Category("order"));
        facts.collected.add(new Category("order"));
        return new PersonalDataCollected(subject, new CollectionId(UUID.randomUUID().toString()),
                new Category("order"), new Purpose("delivery"), new Source("subject"), new KeyClass("transaction"),
                List.of(new SealedField("consignee_name", name, sealed()), new SealedField("address", address,
                        sealed())), new Caller("collector"), AT);
    }

    private static List<String> recipients(List<FeedMessage> messages) {
        return messages.stream().map(FeedMessage::recipient).toList();
    }

    @Test
    void collectedTokensGoToServicesThatMayUseTheCategoryAndNeverToExternalRecipients() {
        List<FeedMessage> messages = router.route("e1", anOrder());

        assertThat(recipients(messages)).containsExactly("logistics");
        FeedMessage message = messages.get(0);
        assertThat(message.type()).isEqualTo(FeedType.COLLECTED);
        assertThat(message.subjectId()).isEqualTo(subject.value());
        assertThat(message.category()).isEqualTo("order");
        assertThat(message.purpose()).isEqualTo("delivery");
        assertThat(message.tokens()).containsExactly(new FeedToken("consignee_name", name.value()),
                new FeedToken("address", address.value()));
    }

    @Test
    void aCorrectionGoesToTheServicesOfItsCategoryAndToTheRecipientsTheTokenWasSharedWith() {
        anOrder();
        facts.shares.put(name, Set.of("sf-express"));
        List<FeedMessage> ofName = router.route("e2", new PersonalDataCorrected(subject, name, "consignee_name",
                sealed(), new Caller("collector"), AT));
        List<FeedMessage> ofAddress = router.route("e3", new PersonalDataCorrected(subject, address, "address",
                sealed(), new Caller("collector"), AT));

        assertThat(recipients(ofName)).containsExactly("logistics", "sf-express");
        assertThat(recipients(ofAddress)).as("not shared: sf-express is not told").containsExactly("logistics");
        assertThat(ofName).allSatisfy(m -> {
            assertThat(m.type()).isEqualTo(FeedType.CORRECTED);
            assertThat(m.tokens()).containsExactly(new FeedToken("consignee_name", name.value()));
        });
    }

    @Test
    void aShareGoesToItsRecipientAloneWithOneMessagePerSubject() {
        SubjectId other = new SubjectId(UUID.randomUUID().toString());
        Token theirs = token('3');
        List<FeedMessage> messages = router.route("e4", new PersonalDataShared(new AccessId(UUID.randomUUID()
                .toString()), new Caller("order-service"), new Recipient("sf-express"), new Purpose("delivery"),
                LawfulBasis.CONTRACT, Optional.empty(), List.of(
                new AccessedToken(name, subject, new Category("order"), "consignee_name", new Purpose("delivery")),
                new AccessedToken(theirs, other, new Category("order"), "address", new Purpose("delivery"))), AT));

        assertThat(recipients(messages)).containsExactly("sf-express", "sf-express");
        assertThat(messages).extracting(FeedMessage::subjectId).containsExactly(subject.value(), other.value());
        assertThat(messages.get(0).tokens()).containsExactly(new FeedToken("consignee_name", name.value()));
        assertThat(messages.get(1).tokens()).containsExactly(new FeedToken("address", theirs.value()));
        assertThat(messages.get(0).id()).isNotEqualTo(messages.get(1).id());
    }

    @Test
    void aWithdrawalGoesOnlyToServicesThatKnowTheSubjectAndHaveThePurpose() {
        ConsentWithdrawn withdrawn = new ConsentWithdrawn(subject, ConsentScope.of(new Purpose("marketing_sms")),
                new Caller("collector"), AT);
        anOrder();
        assertThat(router.route("e5", withdrawn)).as("marketing never heard of the subject's orders").isEmpty();

        facts.collected.add(new Category("service_log"));
        List<FeedMessage> messages = router.route("e5", withdrawn);
        assertThat(recipients(messages)).containsExactly("marketing");
        assertThat(messages.get(0).type()).isEqualTo(FeedType.CONSENT_WITHDRAWN);
        assertThat(messages.get(0).purpose()).isEqualTo("marketing_sms");
        assertThat(messages.get(0).reference()).isEqualTo("marketing_sms");
    }

    @Test
    void anOptOutGoesToServicesThatKnowTheSubjectAndHaveAPurposeItStops() {
        facts.collected.add(new Category("service_log"));
        facts.collected.add(new Category("order"));
        List<FeedMessage> sms = router.route("e6", new OptedOut(subject, OptOut.SMS, new Caller("collector"), AT));
        List<FeedMessage> push = router.route("e7", new OptedOut(subject, OptOut.PUSH, new Caller("collector"), AT));

        assertThat(recipients(sms)).containsExactly("marketing");
        assertThat(sms.get(0).type()).isEqualTo(FeedType.OPTED_OUT);
        assertThat(sms.get(0).reference()).isEqualTo("SMS");
        assertThat(push).as("marketing has no purpose the push opt-out stops").isEmpty();
    }

    @Test
    void anErasureGoesToEveryServiceThatKnowsTheSubjectAndItsNoticesToTheirRecipients() {
        anOrder();
        ErasureId erasure = new ErasureId(UUID.randomUUID().toString());
        List<FeedMessage> erased = router.route("e8", new DataSubjectErased(subject, erasure, List.of(), List.of(),
                AT, AT));
        List<FeedMessage> notices = router.route("e9", new RecipientsNotified(subject, Notice.ERASURE,
                List.of(new Recipient("sf-express")), erasure.value(), AT));
        List<FeedMessage> stops = router.route("e10", new RecipientsNotified(subject, Notice.STOP,
                List.of(new Recipient("visa")), "payment", AT));

        assertThat(recipients(erased)).containsExactly("logistics");
        assertThat(recipients(notices)).containsExactly("sf-express");
        assertThat(erased.get(0).type()).isEqualTo(FeedType.ERASED);
        assertThat(notices.get(0).type()).isEqualTo(FeedType.ERASED);
        assertThat(notices.get(0).reference()).isEqualTo(erasure.value());
        assertThat(recipients(stops)).containsExactly("visa");
        assertThat(stops.get(0).type()).isEqualTo(FeedType.STOP_PROCESSING);
    }

    @Test
    void idsAreTheSameForEveryDeliveryOfAnEventToARecipientAndDifferBetweenRecipients() {
        anOrder();
        facts.shares.put(name, Set.of("sf-express"));
        PersonalDataCorrected corrected = new PersonalDataCorrected(subject, name, "consignee_name", sealed(),
                new Caller("collector"), AT);

        List<FeedMessage> once = router.route("e11", corrected);
        List<FeedMessage> again = router.route("e11", corrected);
        List<FeedMessage> anotherEvent = router.route("e12", corrected);

        assertThat(again).isEqualTo(once);
        assertThat(once.get(0).id()).isNotEqualTo(once.get(1).id());
        assertThat(anotherEvent.get(0).id()).isNotEqualTo(once.get(0).id());
    }

    @Test
    void eventsThatConcernNoRecipientGoToNobody() {
        assertThat(router.route("e13", new ErasureId(UUID.randomUUID().toString()))).isEmpty();
        assertThat(router.route("e14", "not an event")).isEmpty();
    }

    @Test
    void anIdentityNamedLikeARecipientIsRefusedSoFeedsNeverMix() {
        assertThatThrownBy(() -> new FeedAudience(List.of(service("visa", "payment")), CATALOGUE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("visa");
    }
}
