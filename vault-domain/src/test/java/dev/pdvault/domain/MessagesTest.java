package dev.pdvault.domain;

import dev.pdvault.domain.access.api.CrossBorderTransferRecorded;
import dev.pdvault.domain.access.api.LawfulBasis;
import dev.pdvault.domain.disclosure.api.AggregateStatisticsRefused;
import dev.pdvault.domain.disclosure.api.AggregateStatisticsReleased;
import dev.pdvault.domain.disclosure.api.DisclosureId;
import dev.pdvault.domain.disclosure.api.GroupDimension;
import dev.pdvault.domain.disclosure.api.Organisation;
import dev.pdvault.domain.disclosure.api.PersonalDataPubliclyDisclosed;
import dev.pdvault.domain.disclosure.api.PersonalDataTransferred;
import dev.pdvault.domain.disclosure.api.PublicDisclosureBasis;
import dev.pdvault.domain.disclosure.api.PublicDisclosureRefused;
import dev.pdvault.domain.disclosure.api.TransferBasis;
import dev.pdvault.domain.disclosure.api.TransferRefused;
import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.LegalBasis;
import dev.pdvault.domain.policy.LegalException;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.publication.api.PolicyVersionPublished;
import dev.pdvault.domain.publication.api.PublishPolicyVersion;
import dev.pdvault.domain.subject.api.ConsentGranted;
import dev.pdvault.domain.subject.api.ConsentRefused;
import dev.pdvault.domain.subject.api.ConsentWithdrawn;
import dev.pdvault.domain.subject.api.OptedBackIn;
import dev.pdvault.domain.subject.api.OptedOut;
import dev.pdvault.domain.request.api.AutomatedDecisionAppealed;
import dev.pdvault.domain.request.api.DecisionExplanation;
import dev.pdvault.domain.request.api.RefusalGround;
import dev.pdvault.domain.request.api.RequestDetails;
import dev.pdvault.domain.request.api.RequestId;
import dev.pdvault.domain.request.api.RequestKind;
import dev.pdvault.domain.request.api.SubjectDataExported;
import dev.pdvault.domain.request.api.SubjectIdentityVerified;
import dev.pdvault.domain.request.api.SubjectRequestFulfilled;
import dev.pdvault.domain.request.api.SubjectRequestReceived;
import dev.pdvault.domain.request.api.SubjectRequestRefused;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.pdvault.crypto.DataKey;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.InsecureLocalKeyEncryptionKeys;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.domain.access.api.AccessId;
import dev.pdvault.domain.access.api.AccessedToken;
import dev.pdvault.domain.access.api.DenialReason;
import dev.pdvault.domain.access.api.DetokenizationRefused;
import dev.pdvault.domain.access.api.PersonalDataDetokenized;
import dev.pdvault.domain.credential.api.CredentialId;
import dev.pdvault.domain.credential.api.PasswordSet;
import dev.pdvault.domain.credential.api.PasswordVerificationFailed;
import dev.pdvault.domain.credential.api.PasswordVerified;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Source;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.AgeBand;
import dev.pdvault.domain.subject.api.CollectionId;
import dev.pdvault.domain.subject.api.CollectionRefused;
import dev.pdvault.domain.subject.api.CorrectionRefused;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.DataSubjectRegistered;
import dev.pdvault.domain.subject.api.DestroyedKey;
import dev.pdvault.domain.subject.api.ErasureId;
import dev.pdvault.domain.subject.api.ErasureRefused;
import dev.pdvault.domain.subject.api.ErasureRequested;
import dev.pdvault.domain.subject.api.PersonalDataCollected;
import dev.pdvault.domain.subject.api.PersonalDataCorrected;
import dev.pdvault.domain.subject.api.RefusalReason;
import dev.pdvault.domain.subject.api.Region;
import dev.pdvault.domain.subject.api.SealedField;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class MessagesTest {

    /** Every event of the domain. A new event must be added here (the completeness tests below enforce it). */
    static final List<Class<? extends Record>> EVENTS = List.of(
            DataSubjectRegistered.class,
            PersonalDataCollected.class,
            CollectionRefused.class,
            PersonalDataCorrected.class,
            CorrectionRefused.class,
            ErasureRequested.class,
            DataSubjectErased.class,
            ErasureRefused.class,
            PersonalDataDetokenized.class,
            DetokenizationRefused.class,
            dev.pdvault.domain.access.api.PersonalDataShared.class,
            dev.pdvault.domain.access.api.ShareRefused.class,
            CrossBorderTransferRecorded.class,
            ConsentGranted.class,
            ConsentWithdrawn.class,
            ConsentRefused.class,
            OptedOut.class,
            OptedBackIn.class,
            PolicyVersionPublished.class,
            PasswordSet.class,
            PasswordVerified.class,
            PasswordVerificationFailed.class,
            dev.pdvault.domain.subject.api.TransactionCompleted.class,
            dev.pdvault.domain.subject.api.LegalHoldPlaced.class,
            dev.pdvault.domain.subject.api.LegalHoldReleased.class,
            dev.pdvault.domain.subject.api.ShreddingRefused.class,
            dev.pdvault.domain.subject.api.RetainedDataShredded.class,
            dev.pdvault.domain.subject.api.RecipientsNotified.class,
            PersonalDataTransferred.class,
            TransferRefused.class,
            PersonalDataPubliclyDisclosed.class,
            PublicDisclosureRefused.class,
            AggregateStatisticsReleased.class,
            AggregateStatisticsRefused.class,
            SubjectRequestReceived.class,
            SubjectIdentityVerified.class,
            SubjectDataExported.class,
            SubjectRequestFulfilled.class,
            SubjectRequestRefused.class,
            AutomatedDecisionAppealed.class,
            dev.pdvault.domain.keys.api.KekRotated.class,
            dev.pdvault.domain.keys.api.KekVersionDestroyed.class,
            dev.pdvault.domain.keys.api.KekEpochCompleted.class,
            dev.pdvault.domain.keys.api.ErasureReachedBackups.class,
            dev.pdvault.domain.keys.api.KekVersionStateChanged.class,
            dev.pdvault.domain.keys.api.KekRewrapStarted.class,
            dev.pdvault.domain.keys.api.KekRewrapProgressed.class,
            dev.pdvault.domain.keys.api.KekRewrapCompleted.class,
            dev.pdvault.domain.keys.api.DataKeyRotated.class,
            dev.pdvault.domain.security.api.AccessDenied.class,
            dev.pdvault.domain.security.api.AccessDenialsCounted.class,
            dev.pdvault.domain.security.api.DetokenizationVolumeAnomalous.class);

    private static final String PLANTED = "planted-plaintext-Alice Liddell, 7 Rabbit Hole Lane";

    private static final SubjectId SUBJECT = SubjectId.of("3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f607");
    private static final CollectionId COLLECTION = CollectionId.of("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d");
    private static final dev.pdvault.domain.subject.api.HoldId HOLD =
            dev.pdvault.domain.subject.api.HoldId.of("7d9c3e4f-5a6b-4c7d-8e8f-9a0b1c2d3e4f");
    private static final ErasureId ERASURE = ErasureId.of("9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d6c5");
    private static final DisclosureId DISCLOSURE = DisclosureId.of("7e57a11e-0000-4000-8000-000000000001");
    private static final AccessId ACCESS = AccessId.of("c0ffee00-1234-4abc-8def-0123456789ab");
    private static final RequestId REQUEST = RequestId.of("d5a7e3c1-0b2f-4c6d-9e8f-1a2b3c4d5e6f");
    private static final Token ADDRESS_TOKEN = Token.of("tok_0123456789abcdefghjkmnpqrs");
    private static final Token BIRTH_TOKEN = Token.of("tok_bbbbbbbbbbbbbbbbbbbbbbbbbb");
    private static final Token MISSING_TOKEN = Token.of("tok_zzzzzzzzzzzzzzzzzzzzzzzzzz");
    private static final KeyClass PROFILE = KeyClass.of("profile");
    private static final Category CONTACT = Category.of("contact");
    private static final Purpose DELIVERY = Purpose.of("delivery");
    private static final Caller SHOP = Caller.of("shop-service");
    private static final Instant T1 = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant T2 = Instant.parse("2025-03-04T12:00:00.123456789Z");

    @TempDir
    static Path tempDir;

    private static JavaClasses domain;
    private static List<Object> events;

    @BeforeAll
    static void setUp() {
        domain = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.pdvault.domain");

        DataKeys dataKeys = new DataKeys(InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("kek.json")),
                10, Duration.ofMinutes(5));
        DataKey key = dataKeys.unwrap(dataKeys.generate(new KeyScope(SUBJECT.value(), PROFILE.name())));
        SealedField address = new SealedField("address", ADDRESS_TOKEN, key.seal("address", ADDRESS_TOKEN.value(),
                PLANTED));
        SealedField birthDate = new SealedField("birth_date", BIRTH_TOKEN, key.seal("birth_date", BIRTH_TOKEN.value(),
                PLANTED));
        AccessedToken accessed = new AccessedToken(ADDRESS_TOKEN, SUBJECT, CONTACT, "address", DELIVERY);

        events = List.of(
                new DataSubjectRegistered(SUBJECT, Region.of("CN-HK"), Optional.of(birthDate), PROFILE,
                        AgeBand.FROM_14_TO_17, SHOP, T1),
                new PersonalDataCollected(SUBJECT, COLLECTION, CONTACT, DELIVERY, Source.of("subject"), PROFILE,
                        List.of(address), SHOP, T1),
                new CollectionRefused(SUBJECT, COLLECTION, CONTACT, DELIVERY, RefusalReason.ERASURE_IN_PROGRESS,
                        SHOP, T1),
                new PersonalDataCorrected(SUBJECT, ADDRESS_TOKEN, "address",
                        key.seal("address", ADDRESS_TOKEN.value(), PLANTED), SHOP, T2),
                new CorrectionRefused(SUBJECT, ADDRESS_TOKEN, RefusalReason.FIELD_MISMATCH, SHOP, T2),
                new ErasureRequested(SUBJECT, ERASURE, Caller.of("privacy-officer"), T1),
                new DataSubjectErased(SUBJECT, ERASURE,
                        List.of(new DestroyedKey(PROFILE, 3, "local-123456", T2)),
                        List.of(new dev.pdvault.domain.subject.api.RetainedData(KeyClass.of("transaction"),
                                Optional.of(T2))), T1, T2),
                new ErasureRefused(SUBJECT, ERASURE, RefusalReason.ALREADY_ERASED, SHOP, T2),
                new PersonalDataDetokenized(ACCESS, Caller.of("courier-service"), DELIVERY, LawfulBasis.LEGAL_EXCEPTION,
                        Optional.of(new LegalBasis(LegalException.CRIMINAL_INVESTIGATION, "case 2025/0142")),
                        List.of(accessed), T2),
                new DetokenizationRefused(ACCESS, Caller.of("courier-service"), DELIVERY, DenialReason.UNKNOWN_TOKEN,
                        Optional.empty(), List.of(accessed), List.of(MISSING_TOKEN), T2),
                new dev.pdvault.domain.access.api.PersonalDataShared(ACCESS, SHOP,
                        dev.pdvault.domain.policy.Recipient.of("sf-express"), DELIVERY, LawfulBasis.CONTRACT,
                        Optional.empty(), List.of(accessed), T2),
                new dev.pdvault.domain.access.api.ShareRefused(ACCESS, SHOP,
                        dev.pdvault.domain.policy.Recipient.of("ad-partner"), DELIVERY,
                        DenialReason.FIELD_NOT_ALLOWED_FOR_RECIPIENT, Optional.empty(), List.of(accessed),
                        List.of(MISSING_TOKEN), T2),
                new CrossBorderTransferRecorded(ACCESS, Caller.of("courier-service"), List.of(SUBJECT), "CN", "DE",
                        LawfulBasis.CONSENT, Optional.empty(), T2),
                new ConsentGranted(SUBJECT, ConsentScope.of(DELIVERY, CONTACT), 3, Optional.of(COLLECTION), SHOP, T1),
                new ConsentWithdrawn(SUBJECT, ConsentScope.of(DELIVERY), SHOP, T2),
                new ConsentRefused(SUBJECT, ConsentScope.of(DELIVERY), RefusalReason.GUARDIAN_CONSENT_REQUIRED, SHOP,
                        T2),
                new OptedOut(SUBJECT, OptOut.SMS, SHOP, T1),
                new OptedBackIn(SUBJECT, OptOut.SMS, SHOP, T2),
                new PolicyVersionPublished(PublishPolicyVersion.POLICY, 2, "2026-12-01", true, Set.of(DELIVERY),
                        "delivery partners changed", Caller.of("privacy-officer"), T2),
                new PasswordSet(CredentialId.of(SUBJECT), SUBJECT, key.seal("membership/password/membership",
                        CredentialId.of(SUBJECT).value(), PLANTED), SHOP, T1),
                new PasswordVerified(CredentialId.of(SUBJECT), SUBJECT, Caller.of("login-service"), T2),
                new PasswordVerificationFailed(CredentialId.of(SUBJECT), SUBJECT, Caller.of("login-service"), T2),
                new dev.pdvault.domain.subject.api.TransactionCompleted(SUBJECT, COLLECTION, SHOP, T1),
                new dev.pdvault.domain.subject.api.LegalHoldPlaced(SUBJECT, HOLD, "case 2026/9",
                        Caller.of("legal-affairs"), T1),
                new dev.pdvault.domain.subject.api.LegalHoldReleased(SUBJECT, HOLD, Caller.of("legal-affairs"), T2),
                new dev.pdvault.domain.subject.api.ShreddingRefused(SUBJECT, List.of(KeyClass.of("account")),
                        List.of(HOLD), T2),
                new dev.pdvault.domain.subject.api.RetainedDataShredded(SUBJECT,
                        List.of(new DestroyedKey(KeyClass.of("transaction"), 1, "local-123456", T2)), T2),
                new dev.pdvault.domain.subject.api.RecipientsNotified(SUBJECT,
                        dev.pdvault.domain.subject.api.Notice.ERASURE,
                        List.of(dev.pdvault.domain.policy.Recipient.of("sf-express")), ERASURE.value(), T2),
                new PersonalDataTransferred(DISCLOSURE, Caller.of("privacy-officer"), Organisation.of("Acme Holdings Ltd."),
                        TransferBasis.MERGER_ACQUISITION_OR_BANKRUPTCY, Optional.empty(), Optional.of("MA-2025-07"),
                        true, List.of(SUBJECT), T2),
                new TransferRefused(DISCLOSURE, Caller.of("legal"), Organisation.of("Acme Holdings Ltd."),
                        TransferBasis.LEGAL_EXCEPTION,
                        Optional.of(new LegalBasis(LegalException.CRIMINAL_INVESTIGATION, "case 2025/0142")),
                        Optional.empty(), false, DenialReason.DATA_ERASED, List.of(SUBJECT), List.of(SUBJECT),
                        List.of(SubjectId.of("00000000-0000-4000-8000-00000000dead")), T2),
                new PersonalDataPubliclyDisclosed(DISCLOSURE, Caller.of("privacy-officer"),
                        PublicDisclosureBasis.VIOLATION_OF_RULES, Optional.empty(), Optional.of("case V-2025-19"),
                        List.of(accessed), T2),
                new PublicDisclosureRefused(DISCLOSURE, Caller.of("privacy-officer"), PublicDisclosureBasis.CONSENT,
                        Optional.empty(), Optional.empty(), DenialReason.CONSENT_MISSING, List.of(accessed),
                        List.of(MISSING_TOKEN), List.of(SUBJECT), T2),
                new AggregateStatisticsReleased(DISCLOSURE, Caller.of("marketing"),
                        dev.pdvault.domain.policy.Recipient.of("ad-partner"), Purpose.of("advertising"),
                        List.of(GroupDimension.REGION, GroupDimension.AGE_BAND), 3, 1, T2),
                new AggregateStatisticsRefused(DISCLOSURE, Caller.of("marketing"),
                        dev.pdvault.domain.policy.Recipient.of("visa"), Purpose.of("advertising"),
                        List.of(GroupDimension.REGION), DenialReason.NOT_AN_ADVERTISING_CLIENT, T2),
                new SubjectRequestReceived(REQUEST, SUBJECT, RequestKind.CONSENT_WITHDRAWAL,
                        RequestDetails.withdrawal(ConsentScope.of(DELIVERY, CONTACT)), T1,
                        T1.plus(SubjectRequestReceived.RESPONSE_TIME), SHOP),
                new SubjectIdentityVerified(REQUEST, SUBJECT, "id document checked by agent",
                        Caller.of("privacy-officer"), T1),
                new SubjectDataExported(REQUEST, SUBJECT, 12, T2),
                new SubjectRequestFulfilled(REQUEST, SUBJECT, "explained", Optional.of(new DecisionExplanation(
                        List.of("order_history", "fraud-model v3"), "velocity rule R12")),
                        Caller.of("privacy-officer"), T2),
                new SubjectRequestRefused(REQUEST, SUBJECT, RefusalGround.EXCESSIVE_REPETITION, "3 earlier", SHOP, T2),
                new AutomatedDecisionAppealed(REQUEST, SUBJECT, SHOP, T2),
                new dev.pdvault.domain.keys.api.KekRotated("kek-ring", 2,
                        dev.pdvault.domain.keys.api.KekVersion.of("local-2604146185"),
                        dev.pdvault.domain.keys.api.KekVersion.of("local-123456"), Caller.of("security-officer"), T1),
                new dev.pdvault.domain.keys.api.KekVersionDestroyed("kek-ring", 2,
                        dev.pdvault.domain.keys.api.KekVersion.of("local-123456"), T2),
                new dev.pdvault.domain.keys.api.KekEpochCompleted("kek-ring", 2,
                        dev.pdvault.domain.keys.api.KekVersion.of("local-2604146185"), 17,
                        List.of(dev.pdvault.domain.keys.api.KekVersion.of("local-123456")), T2),
                new dev.pdvault.domain.keys.api.ErasureReachedBackups("kek-ring", SUBJECT, ERASURE,
                        List.of(dev.pdvault.domain.keys.api.KekVersion.of("local-123456")), T2),
                new dev.pdvault.domain.keys.api.KekVersionStateChanged("kek-ring",
                        dev.pdvault.domain.keys.api.KekVersion.of("local-123456"),
                        dev.pdvault.domain.keys.api.KekState.ACTIVE, dev.pdvault.domain.keys.api.KekState.SUSPENDED,
                        Caller.of("security-officer"), T1),
                new dev.pdvault.domain.keys.api.KekRewrapStarted("kek-ring",
                        dev.pdvault.domain.keys.api.RewrapJobId.of("0b5e7a1c-2d3f-4a5b-8c6d-7e8f9a0b1c2d"),
                        dev.pdvault.domain.keys.api.KekVersion.of("local-2604146185"), 17,
                        dev.pdvault.domain.keys.api.RewrapReason.ROTATION, Caller.of("security-officer"), T1),
                new dev.pdvault.domain.keys.api.KekRewrapProgressed("kek-ring",
                        dev.pdvault.domain.keys.api.RewrapJobId.of("0b5e7a1c-2d3f-4a5b-8c6d-7e8f9a0b1c2d"), 10, 9, 0,
                        8, T2),
                new dev.pdvault.domain.keys.api.KekRewrapCompleted("kek-ring",
                        dev.pdvault.domain.keys.api.RewrapJobId.of("0b5e7a1c-2d3f-4a5b-8c6d-7e8f9a0b1c2d"),
                        dev.pdvault.domain.keys.api.KekVersion.of("local-2604146185"), 17, 0, T2),
                new dev.pdvault.domain.keys.api.DataKeyRotated(dev.pdvault.domain.keys.api.DataKeysId.of(SUBJECT),
                        SUBJECT, PROFILE, 2, 4_123_456_789L, dev.pdvault.domain.keys.api.RotationReason.THRESHOLD,
                        Caller.of("vault"), T2),
                new dev.pdvault.domain.security.api.AccessDenied(
                        dev.pdvault.domain.security.api.SignalId.of("5e1f0a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2b"),
                        Optional.of(SHOP), dev.pdvault.domain.security.api.RequestSource.of("2001:db8::7"),
                        new dev.pdvault.domain.security.api.Route("DELETE", "/v1/subjects/{subjectId}"),
                        dev.pdvault.domain.security.api.DenialCause.ROLE_NOT_PERMITTED, T2),
                new dev.pdvault.domain.security.api.AccessDenialsCounted(
                        dev.pdvault.domain.security.api.SignalId.of("5e1f0a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2c"),
                        Optional.empty(), dev.pdvault.domain.security.api.RequestSource.OVERFLOW,
                        dev.pdvault.domain.security.api.Route.unmapped("POST"),
                        dev.pdvault.domain.security.api.DenialCause.INVALID_CREDENTIAL, T1, T1.plusSeconds(60), 812),
                new dev.pdvault.domain.security.api.DetokenizationVolumeAnomalous(
                        dev.pdvault.domain.security.api.SignalId.of("5e1f0a2b-3c4d-4e5f-8a6b-7c8d9e0f1a2d"),
                        Caller.of("courier-service"), T1, 900, 12.5, 100, T2));
    }

    static Stream<Class<? extends Record>> eventClasses() {
        return EVENTS.stream();
    }

    static Stream<Object> eventInstances() {
        return events.stream();
    }

    @ParameterizedTest
    @MethodSource("eventClasses")
    void everyEventIsARevisionedRecordOfAnApiPackage(Class<? extends Record> event) {
        assertThat(event.isRecord()).isTrue();
        assertThat(event.getPackageName()).matches("dev\\.pdvault\\.domain\\.[a-z]+\\.api");
        assertThat(event.getAnnotation(Revision.class)).as("@Revision on %s", event.getSimpleName()).isNotNull();
        assertThat(event.getAnnotation(Revision.class).value()).isNotBlank();
    }

    @Test
    void theEventListHoldsEveryEventSourcedEvent() {
        Set<String> sourced = domain.stream()
                .flatMap(c -> c.getMethods().stream())
                .filter(m -> m.isAnnotatedWith(EventSourcingHandler.class))
                .map(m -> m.getRawParameterTypes().get(0).getName())
                .collect(Collectors.toSet());

        assertThat(sourced).isNotEmpty();
        assertThat(eventNames()).containsAll(sourced);
    }

    @Test
    void theEventListHoldsEveryMessageAnAggregateCreates() {
        // every api-package object (exceptions aside) constructed inside an aggregate is an event it applies
        Set<String> created = domain.stream()
                .filter(c -> c.getAllFields().stream().anyMatch(f -> f.isAnnotatedWith(AggregateIdentifier.class)))
                .flatMap(c -> c.getConstructorCallsFromSelf().stream())
                .map(JavaConstructorCall::getTargetOwner)
                .filter(owner -> owner.getPackageName().matches("dev\\.pdvault\\.domain\\.[a-z]+\\.api"))
                .filter(owner -> !owner.isAssignableTo(Throwable.class))
                .map(JavaClass::getName)
                .collect(Collectors.toSet());

        assertThat(created).isEqualTo(eventNames());
    }

    @Test
    void everyRevisionedClassIsListed() {
        Set<String> revisioned = domain.stream().filter(c -> c.isAnnotatedWith(Revision.class))
                .map(JavaClass::getName).collect(Collectors.toSet());

        assertThat(revisioned).isEqualTo(eventNames());
    }

    @Test
    void thereIsOneInstanceOfEveryEvent() {
        assertThat(events.stream().map(Object::getClass).toList()).containsExactlyElementsOf(EVENTS);
    }

    @ParameterizedTest
    @MethodSource("eventInstances")
    void jacksonRoundTripGivesAnEqualEventWithoutPlaintext(Object event) throws Exception {
        ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

        String json = mapper.writeValueAsString(event);
        Object back = mapper.readValue(json, event.getClass());

        assertThat(back).isEqualTo(event);
        assertPlaintextAbsent(json);
    }

    @ParameterizedTest
    @MethodSource("eventInstances")
    void axonJacksonSerializerKeepsTheRevisionAndTheEvent(Object event) {
        JacksonSerializer serializer = JacksonSerializer.builder()
                .objectMapper(new ObjectMapper().findAndRegisterModules())
                .build();

        SerializedObject<String> serialized = serializer.serialize(event, String.class);
        Object back = serializer.deserialize(serialized);

        assertThat(serialized.getType().getName()).isEqualTo(event.getClass().getName());
        assertThat(serialized.getType().getRevision()).isEqualTo(event.getClass().getAnnotation(Revision.class).value());
        assertThat(back).isEqualTo(event);
        assertPlaintextAbsent(serialized.getData());
    }

    private static void assertPlaintextAbsent(String json) {
        byte[] plaintext = PLANTED.getBytes(StandardCharsets.UTF_8);
        assertThat(json)
                .doesNotContain(PLANTED)
                .doesNotContain("Alice")
                .doesNotContain(Base64.getEncoder().encodeToString(plaintext))
                .doesNotContain(Base64.getEncoder().withoutPadding().encodeToString(plaintext).substring(0, 24));
    }

    private static Set<String> eventNames() {
        return EVENTS.stream().map(Class::getName).collect(Collectors.toSet());
    }
}
