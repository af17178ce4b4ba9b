package dev.pdvault.domain.subject.command;

import dev.pdvault.domain.TestCatalogue;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.subject.api.CompleteTransaction;
import dev.pdvault.domain.subject.api.HoldId;
import dev.pdvault.domain.subject.api.LegalHoldPlaced;
import dev.pdvault.domain.subject.api.LegalHoldReleased;
import dev.pdvault.domain.subject.api.Notice;
import dev.pdvault.domain.subject.api.PlanShredding;
import dev.pdvault.domain.subject.api.RecipientsNotified;
import dev.pdvault.domain.subject.api.RecordRetainedShredding;
import dev.pdvault.domain.subject.api.ReleaseLegalHold;
import dev.pdvault.domain.subject.api.RetainedData;
import dev.pdvault.domain.subject.api.RetainedDataShredded;
import dev.pdvault.domain.subject.api.ShreddingPlan;
import dev.pdvault.domain.subject.api.ShreddingRefused;
import dev.pdvault.domain.subject.api.TransactionCompleted;

import dev.pdvault.domain.policy.ConsentScope;
import dev.pdvault.domain.policy.OptOut;
import dev.pdvault.domain.policy.PolicyChanges;
import dev.pdvault.domain.subject.api.ChangeOptOut;
import dev.pdvault.domain.subject.api.ConsentGranted;
import dev.pdvault.domain.subject.api.ConsentRefused;
import dev.pdvault.domain.subject.api.ConsentWithdrawn;
import dev.pdvault.domain.subject.api.GrantConsent;
import dev.pdvault.domain.subject.api.GuardianRecord;
import dev.pdvault.domain.subject.api.OptedBackIn;
import dev.pdvault.domain.subject.api.OptedOut;
import dev.pdvault.domain.subject.api.WithdrawConsent;
import java.util.Set;

import dev.pdvault.crypto.DataKey;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.InsecureLocalKeyEncryptionKeys;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.SealedValue;
import dev.pdvault.domain.policy.Category;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Source;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.AgeBand;
import dev.pdvault.domain.subject.api.CollectPersonalData;
import dev.pdvault.domain.subject.api.CollectionId;
import dev.pdvault.domain.subject.api.CollectionRefused;
import dev.pdvault.domain.subject.api.CommandOutcome;
import dev.pdvault.domain.subject.api.CompleteErasure;
import dev.pdvault.domain.subject.api.CorrectPersonalData;
import dev.pdvault.domain.subject.api.CorrectionRefused;
import dev.pdvault.domain.subject.api.DataSubjectErased;
import dev.pdvault.domain.subject.api.DataSubjectRegistered;
import dev.pdvault.domain.subject.api.DestroyedKey;
import dev.pdvault.domain.subject.api.ErasureId;
import dev.pdvault.domain.subject.api.ErasureNotRequestedException;
import dev.pdvault.domain.subject.api.ErasureRefused;
import dev.pdvault.domain.subject.api.ErasureRequested;
import dev.pdvault.domain.subject.api.PersonalDataCollected;
import dev.pdvault.domain.subject.api.PersonalDataCorrected;
import dev.pdvault.domain.subject.api.RefusalReason;
import dev.pdvault.domain.subject.api.RefuseCollection;
import dev.pdvault.domain.subject.api.Region;
import dev.pdvault.domain.subject.api.RegisterDataSubject;
import dev.pdvault.domain.subject.api.RequestErasure;
import dev.pdvault.domain.subject.api.SealedField;
import dev.pdvault.domain.subject.api.SubjectId;
import dev.pdvault.domain.subject.api.Token;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

class DataSubjectTest {

    private static final SubjectId SUBJECT = SubjectId.of("3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f607");
    private static final CollectionId COLLECTION = CollectionId.of("7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d");
    private static final CollectionId OTHER_COLLECTION = CollectionId.of("0c1d2e3f-4a5b-4c6d-9e7f-8a9b0c1d2e3f");
    private static final ErasureId ERASURE = ErasureId.of("9e8d7c6b-5a4f-4e3d-a2c1-b0a9f8e7d6c5");
    private static final ErasureId OTHER_ERASURE = ErasureId.of("1a2b3c4d-5e6f-4a7b-b8c9-d0e1f2a3b4c5");

    private static final Token BIRTH_DATE_TOKEN = Token.of("tok_bbbbbbbbbbbbbbbbbbbbbbbbbb");
    private static final Token EMAIL_TOKEN = Token.of("tok_0123456789abcdefghjkmnpqrs");
    private static final Token PHONE_TOKEN = Token.of("tok_tvwxyz0123456789abcdefghjk");
    private static final Token UNKNOWN_TOKEN = Token.of("tok_zzzzzzzzzzzzzzzzzzzzzzzzzz");

    private static final Region REGION = Region.of("CN");
    private static final KeyClass PROFILE = KeyClass.of("profile");
    private static final Category CONTACT = Category.of("contact");
    private static final Purpose DELIVERY = Purpose.of("delivery");
    private static final Source FROM_SUBJECT = Source.of("subject");
    private static final Caller SHOP = Caller.of("shop-service");
    private static final Caller OFFICER = Caller.of("privacy-officer");

    private static final Instant REGISTERED_AT = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant COLLECTED_AT = Instant.parse("2025-03-02T10:00:00Z");
    private static final Instant CORRECTED_AT = Instant.parse("2025-03-03T11:00:00Z");
    private static final Instant ERASURE_REQUESTED_AT = Instant.parse("2025-03-04T12:00:00Z");
    private static final Instant KEYS_DESTROYED_AT = Instant.parse("2025-03-04T12:00:05Z");
    private static final Instant ERASED_AT = Instant.parse("2025-03-04T12:00:06Z");
    private static final Instant LATER = Instant.parse("2025-03-05T08:00:00Z");

    @TempDir
    Path tempDir;

    private AggregateTestFixture<DataSubject> fixture;
    private DataKey profileKey;

    private SealedField birthDate;
    private SealedField email;
    private SealedField phone;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(DataSubject.class);
        DataKeys dataKeys = new DataKeys(InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("kek.json")),
                10, Duration.ofMinutes(5));
        profileKey = dataKeys.unwrap(dataKeys.generate(new KeyScope(SUBJECT.value(), PROFILE.name())));
        birthDate = field("birth_date", BIRTH_DATE_TOKEN, "1990-05-17");
        email = field("email", EMAIL_TOKEN, "alice@example.com");
        phone = field("phone", PHONE_TOKEN, "+86 138 0000 0000");
    }

    private SealedField field(String name, Token token, String value) {
        return new SealedField(name, token, sealed(name, token, value));
    }

    private SealedValue sealed(String name, Token token, String value) {
        return profileKey.seal(name, token.value(), value);
    }

    // ---- events and commands of a subject's life -------------------------------------------------------------

    private DataSubjectRegistered registered() {
        return new DataSubjectRegistered(SUBJECT, REGION, Optional.of(birthDate), PROFILE, AgeBand.ADULT, SHOP,
                REGISTERED_AT);
    }

    private CollectPersonalData collect(CollectionId collectionId, SealedField... fields) {
        return new CollectPersonalData(SUBJECT, collectionId, CONTACT, DELIVERY, FROM_SUBJECT, PROFILE,
                List.of(fields), SHOP, COLLECTED_AT);
    }

    private PersonalDataCollected collected() {
        return new PersonalDataCollected(SUBJECT, COLLECTION, CONTACT, DELIVERY, FROM_SUBJECT, PROFILE,
                List.of(email, phone), SHOP, COLLECTED_AT);
    }

    private CollectionRefused collectionRefused(CollectionId collectionId, RefusalReason reason) {
        return new CollectionRefused(SUBJECT, collectionId, CONTACT, DELIVERY, reason, SHOP, COLLECTED_AT);
    }

    private ErasureRequested erasureRequested() {
        return new ErasureRequested(SUBJECT, ERASURE, OFFICER, ERASURE_REQUESTED_AT);
    }

    private List<DestroyedKey> destroyedKeys() {
        return List.of(new DestroyedKey(PROFILE, 1, "local-123456", KEYS_DESTROYED_AT));
    }

    private DataSubjectErased erased() {
        return new DataSubjectErased(SUBJECT, ERASURE, destroyedKeys(), List.of(), ERASURE_REQUESTED_AT, ERASED_AT);
    }

    // ---- RegisterDataSubject ---------------------------------------------------------------------------------

    @Nested
    class Register {

        @Test
        void canRegisterWithASealedBirthDate() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterDataSubject(SUBJECT, REGION, Optional.of(birthDate), PROFILE, AgeBand.ADULT,
                            SHOP, REGISTERED_AT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(registered());
        }

        @Test
        void canRegisterWithoutABirthDate() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterDataSubject(SUBJECT, Region.of("CN-HK"), Optional.empty(), PROFILE,
                            AgeBand.UNKNOWN, SHOP, REGISTERED_AT))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new DataSubjectRegistered(SUBJECT, Region.of("CN-HK"), Optional.empty(), PROFILE,
                            AgeBand.UNKNOWN, SHOP, REGISTERED_AT));
        }
    }

    // ---- CollectPersonalData ---------------------------------------------------------------------------------

    @Nested
    class Collect {

        @Test
        void canCollectPersonalData() {
            fixture.given(registered())
                    .when(collect(COLLECTION, email, phone))
                    .expectEvents(collected())
                    .expectResultMessagePayload(CommandOutcome.ACCEPTED);
        }

        @Test
        void canCollectAgainWithNewTokens() {
            SealedField secondEmail = field("email", UNKNOWN_TOKEN, "alice@work.example.com");

            fixture.given(registered(), collected())
                    .when(collect(OTHER_COLLECTION, secondEmail))
                    .expectEvents(new PersonalDataCollected(SUBJECT, OTHER_COLLECTION, CONTACT, DELIVERY,
                            FROM_SUBJECT, PROFILE, List.of(secondEmail), SHOP, COLLECTED_AT))
                    .expectResultMessagePayload(CommandOutcome.ACCEPTED);
        }

        @Test
        void canCollectAfterAnEarlierCollectionWasRefused() {
            fixture.given(registered(), collectionRefused(OTHER_COLLECTION, RefusalReason.SUBJECT_ERASED))
                    .when(collect(COLLECTION, email, phone))
                    .expectEvents(collected())
                    .expectResultMessagePayload(CommandOutcome.ACCEPTED);
        }

        @Test
        void cannotCollectAfterErasure() {
            fixture.given(registered(), collected(), erasureRequested(), erased())
                    .when(collect(OTHER_COLLECTION, field("email", UNKNOWN_TOKEN, "alice@example.com")))
                    .expectEvents(collectionRefused(OTHER_COLLECTION, RefusalReason.SUBJECT_ERASED))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.SUBJECT_ERASED));
        }

        @Test
        void cannotCollectWhileErasureIsInProgress() {
            fixture.given(registered(), erasureRequested())
                    .when(collect(COLLECTION, email))
                    .expectEvents(collectionRefused(COLLECTION, RefusalReason.ERASURE_IN_PROGRESS))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.ERASURE_IN_PROGRESS));
        }

        @Test
        void cannotCollectUnderATokenAlreadyInUse() {
            SealedField reusedToken = field("email", EMAIL_TOKEN, "mallory@example.com");

            fixture.given(registered(), collected())
                    .when(collect(OTHER_COLLECTION, reusedToken))
                    .expectEvents(collectionRefused(OTHER_COLLECTION, RefusalReason.FIELD_MISMATCH))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.FIELD_MISMATCH));
        }

        @Test
        void cannotCollectTwoFieldsUnderOneToken() {
            SealedField sameTokenAgain = field("phone", UNKNOWN_TOKEN, "+86 138 0000 0001");

            fixture.given(registered())
                    .when(collect(COLLECTION, field("email", UNKNOWN_TOKEN, "alice@example.com"), sameTokenAgain))
                    .expectEvents(collectionRefused(COLLECTION, RefusalReason.FIELD_MISMATCH))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.FIELD_MISMATCH));
        }

        @Test
        void cannotCollectUnderTheBirthDateToken() {
            fixture.given(registered())
                    .when(collect(COLLECTION, email, field("phone", BIRTH_DATE_TOKEN, "+86 138 0000 0000")))
                    .expectEvents(collectionRefused(COLLECTION, RefusalReason.FIELD_MISMATCH))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.FIELD_MISMATCH));
        }
    }

    // ---- RefuseCollection ------------------------------------------------------------------------------------

    @Nested
    class Refuse {

        @Test
        void canRecordACollectionThatCouldNotBeSealed() {
            fixture.given(registered(), erasureRequested(), erased())
                    .when(new RefuseCollection(SUBJECT, COLLECTION, CONTACT, DELIVERY, RefusalReason.SUBJECT_ERASED,
                            SHOP, COLLECTED_AT))
                    .expectEvents(collectionRefused(COLLECTION, RefusalReason.SUBJECT_ERASED))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.SUBJECT_ERASED));
        }

        @Test
        void recordsTheGivenReasonWhateverTheSubjectsState() {
            fixture.given(registered())
                    .when(new RefuseCollection(SUBJECT, COLLECTION, CONTACT, DELIVERY,
                            RefusalReason.ERASURE_IN_PROGRESS, SHOP, COLLECTED_AT))
                    .expectEvents(collectionRefused(COLLECTION, RefusalReason.ERASURE_IN_PROGRESS))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.ERASURE_IN_PROGRESS));
        }
    }

    // ---- CorrectPersonalData ---------------------------------------------------------------------------------

    @Nested
    class Correct {

        @Test
        void canCorrectCollectedData() {
            SealedValue corrected = sealed("email", EMAIL_TOKEN, "alice.liddell@example.com");

            fixture.given(registered(), collected())
                    .when(new CorrectPersonalData(SUBJECT, EMAIL_TOKEN, "email", corrected, SHOP, CORRECTED_AT))
                    .expectEvents(new PersonalDataCorrected(SUBJECT, EMAIL_TOKEN, "email", corrected, SHOP,
                            CORRECTED_AT))
                    .expectResultMessagePayload(CommandOutcome.ACCEPTED);
        }

        @Test
        void canCorrectTheBirthDateGivenAtRegistration() {
            SealedValue corrected = sealed("birth_date", BIRTH_DATE_TOKEN, "1990-05-18");

            fixture.given(registered())
                    .when(new CorrectPersonalData(SUBJECT, BIRTH_DATE_TOKEN, "birth_date", corrected, SHOP,
                            CORRECTED_AT))
                    .expectEvents(new PersonalDataCorrected(SUBJECT, BIRTH_DATE_TOKEN, "birth_date", corrected,
                            SHOP, CORRECTED_AT))
                    .expectResultMessagePayload(CommandOutcome.ACCEPTED);
        }

        @Test
        void canCorrectTheSameValueTwice() {
            SealedValue first = sealed("email", EMAIL_TOKEN, "alice.liddell@example.com");
            SealedValue second = sealed("email", EMAIL_TOKEN, "alice@wonderland.example.com");

            fixture.given(registered(), collected(),
                            new PersonalDataCorrected(SUBJECT, EMAIL_TOKEN, "email", first, SHOP, CORRECTED_AT))
                    .when(new CorrectPersonalData(SUBJECT, EMAIL_TOKEN, "email", second, SHOP, LATER))
                    .expectEvents(new PersonalDataCorrected(SUBJECT, EMAIL_TOKEN, "email", second, SHOP, LATER))
                    .expectResultMessagePayload(CommandOutcome.ACCEPTED);
        }

        @Test
        void cannotCorrectAnUnknownToken() {
            fixture.given(registered(), collected())
                    .when(new CorrectPersonalData(SUBJECT, UNKNOWN_TOKEN, "email",
                            sealed("email", UNKNOWN_TOKEN, "x@example.com"), SHOP, CORRECTED_AT))
                    .expectEvents(new CorrectionRefused(SUBJECT, UNKNOWN_TOKEN, RefusalReason.UNKNOWN_TOKEN, SHOP,
                            CORRECTED_AT))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.UNKNOWN_TOKEN));
        }

        @Test
        void cannotCorrectATokenAsAnotherField() {
            fixture.given(registered(), collected())
                    .when(new CorrectPersonalData(SUBJECT, EMAIL_TOKEN, "phone",
                            sealed("phone", EMAIL_TOKEN, "+86 139 0000 0000"), SHOP, CORRECTED_AT))
                    .expectEvents(new CorrectionRefused(SUBJECT, EMAIL_TOKEN, RefusalReason.FIELD_MISMATCH, SHOP,
                            CORRECTED_AT))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.FIELD_MISMATCH));
        }

        @Test
        void cannotCorrectWhileErasureIsInProgress() {
            fixture.given(registered(), collected(), erasureRequested())
                    .when(new CorrectPersonalData(SUBJECT, EMAIL_TOKEN, "email",
                            sealed("email", EMAIL_TOKEN, "alice.liddell@example.com"), SHOP, CORRECTED_AT))
                    .expectEvents(new CorrectionRefused(SUBJECT, EMAIL_TOKEN, RefusalReason.ERASURE_IN_PROGRESS,
                            SHOP, CORRECTED_AT))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.ERASURE_IN_PROGRESS));
        }

        @Test
        void cannotCorrectAfterErasure() {
            fixture.given(registered(), collected(), erasureRequested(), erased())
                    .when(new CorrectPersonalData(SUBJECT, EMAIL_TOKEN, "email",
                            sealed("email", EMAIL_TOKEN, "alice.liddell@example.com"), SHOP, CORRECTED_AT))
                    .expectEvents(new CorrectionRefused(SUBJECT, EMAIL_TOKEN, RefusalReason.SUBJECT_ERASED, SHOP,
                            CORRECTED_AT))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.SUBJECT_ERASED));
        }
    }

    // ---- RequestErasure --------------------------------------------------------------------------------------

    @Nested
    class Request {

        @Test
        void canRequestErasure() {
            fixture.given(registered(), collected())
                    .when(new RequestErasure(SUBJECT, ERASURE, OFFICER, ERASURE_REQUESTED_AT))
                    .expectEvents(erasureRequested())
                    .expectResultMessagePayload(ERASURE);
        }

        @Test
        void requestingErasureAgainWhilePendingContinuesThePendingErasure() {
            fixture.given(registered(), collected(), erasureRequested())
                    .when(new RequestErasure(SUBJECT, OTHER_ERASURE, OFFICER, LATER))
                    .expectNoEvents()
                    .expectResultMessagePayload(ERASURE);
        }

        @Test
        void cannotRequestErasureOfAnErasedSubject() {
            fixture.given(registered(), collected(), erasureRequested(), erased())
                    .when(new RequestErasure(SUBJECT, OTHER_ERASURE, OFFICER, LATER))
                    .expectEvents(new ErasureRefused(SUBJECT, OTHER_ERASURE, RefusalReason.ALREADY_ERASED, OFFICER,
                            LATER))
                    .expectResultMessagePayload(ERASURE);
        }
    }

    // ---- CompleteErasure -------------------------------------------------------------------------------------

    @Nested
    class Complete {

        @Test
        void canCompleteARequestedErasureWithTheRequestsTime() {
            fixture.given(registered(), collected(), erasureRequested())
                    .when(new CompleteErasure(SUBJECT, ERASURE, destroyedKeys(), ERASED_AT))
                    .expectEvents(new DataSubjectErased(SUBJECT, ERASURE, destroyedKeys(), List.of(), ERASURE_REQUESTED_AT,
                            ERASED_AT))
                    .expectResultMessagePayload(CommandOutcome.ACCEPTED);
        }

        @Test
        void completingAnErasureTwiceWritesNoSecondTombstone() {
            fixture.given(registered(), collected(), erasureRequested(), erased())
                    .when(new CompleteErasure(SUBJECT, ERASURE, destroyedKeys(), LATER))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents()
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.ALREADY_ERASED));
        }

        @Test
        void cannotCompleteAnErasureThatWasNeverRequested() {
            fixture.given(registered(), collected())
                    .when(new CompleteErasure(SUBJECT, ERASURE, destroyedKeys(), ERASED_AT))
                    .expectException(ErasureNotRequestedException.class)
                    .expectNoEvents();
        }

        @Test
        void cannotCompleteAnotherErasureThanTheRequestedOne() {
            fixture.given(registered(), collected(), erasureRequested())
                    .when(new CompleteErasure(SUBJECT, OTHER_ERASURE, destroyedKeys(), ERASED_AT))
                    .expectException(ErasureNotRequestedException.class)
                    .expectNoEvents();
        }
    }

    // ---- Consent and opt-outs --------------------------------------------------------------------------------

    @Nested
    class Consent {

        private final Purpose personalised = Purpose.of("personalised_membership");
        private final ConsentScope scope = ConsentScope.of(personalised);
        private final Token guardianToken = Token.of("tok_gggggggggggggggggggggggggg");

        private DataSubjectRegistered registeredAs(AgeBand band) {
            return new DataSubjectRegistered(SUBJECT, REGION, Optional.empty(), PROFILE, band, SHOP, REGISTERED_AT);
        }

        private CollectPersonalData collectFor(Purpose purpose, PolicyChanges policy) {
            return new CollectPersonalData(SUBJECT, COLLECTION, CONTACT, purpose, FROM_SUBJECT, PROFILE,
                    List.of(email), List.of(ConsentScope.of(purpose)), policy, SHOP, COLLECTED_AT);
        }

        private PolicyChanges majorChangeOf(Purpose purpose) {
            return new PolicyChanges(2, List.of(new PolicyChanges.MajorChange(2, Set.of(purpose))));
        }

        @Test
        void anAdultGrantsAConsentBoundToThePolicyVersion() {
            fixture.given(registeredAs(AgeBand.ADULT))
                    .when(new GrantConsent(SUBJECT, scope, 1, Optional.empty(), SHOP, COLLECTED_AT))
                    .expectEvents(new ConsentGranted(SUBJECT, scope, 1, Optional.empty(), SHOP, COLLECTED_AT))
                    .expectResultMessagePayload(CommandOutcome.ACCEPTED);
        }

        @Test
        void aSubjectUnder14CannotConsentWithoutAGuardian() {
            fixture.given(registeredAs(AgeBand.UNDER_14))
                    .when(new GrantConsent(SUBJECT, scope, 1, Optional.empty(), SHOP, COLLECTED_AT))
                    .expectEvents(new ConsentRefused(SUBJECT, scope, RefusalReason.GUARDIAN_CONSENT_REQUIRED, SHOP,
                            COLLECTED_AT))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.GUARDIAN_CONSENT_REQUIRED));
        }

        @Test
        void aGuardianConsentsForASubjectUnder14WithTheGuardiansIdentitySealed() {
            SealedField guardian = field("guardian_name", guardianToken, "Mary Liddell");
            GuardianRecord record = new GuardianRecord(OTHER_COLLECTION, PROFILE, List.of(guardian));
            fixture.given(registeredAs(AgeBand.UNDER_14))
                    .when(new GrantConsent(SUBJECT, scope, 1, Optional.of(record), SHOP, COLLECTED_AT))
                    .expectEvents(
                            new PersonalDataCollected(SUBJECT, OTHER_COLLECTION, Category.of("guardian"),
                                    Purpose.of("membership"), Source.of("guardian"), PROFILE, List.of(guardian), SHOP,
                                    COLLECTED_AT),
                            new ConsentGranted(SUBJECT, scope, 1, Optional.of(OTHER_COLLECTION), SHOP,
                                    COLLECTED_AT));
        }

        @Test
        void collectionForAnAdditionalPurposeWithoutConsentIsRefusedAndRecorded() {
            fixture.given(registeredAs(AgeBand.ADULT))
                    .when(collectFor(personalised, PolicyChanges.none()))
                    .expectEvents(new CollectionRefused(SUBJECT, COLLECTION, CONTACT, personalised,
                            RefusalReason.CONSENT_REQUIRED, SHOP, COLLECTED_AT))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.CONSENT_REQUIRED));
        }

        @Test
        void collectionWithConsentInForceIsAccepted() {
            fixture.given(registeredAs(AgeBand.ADULT), new ConsentGranted(SUBJECT, scope, 1, Optional.empty(), SHOP,
                            REGISTERED_AT))
                    .when(collectFor(personalised, PolicyChanges.none()))
                    .expectEvents(new PersonalDataCollected(SUBJECT, COLLECTION, CONTACT, personalised, FROM_SUBJECT,
                            PROFILE, List.of(email), SHOP, COLLECTED_AT));
        }

        @Test
        void aWithdrawalStopsLaterCollections() {
            fixture.given(registeredAs(AgeBand.ADULT),
                            new ConsentGranted(SUBJECT, scope, 1, Optional.empty(), SHOP, REGISTERED_AT),
                            new ConsentWithdrawn(SUBJECT, scope, SHOP, REGISTERED_AT))
                    .when(collectFor(personalised, PolicyChanges.none()))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.CONSENT_WITHDRAWN));
        }

        @Test
        void aMajorChangeOfThePurposePutsTheConsentOnHoldUntilRenewed() {
            fixture.given(registeredAs(AgeBand.ADULT),
                            new ConsentGranted(SUBJECT, scope, 1, Optional.empty(), SHOP, REGISTERED_AT))
                    .when(collectFor(personalised, majorChangeOf(personalised)))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.CONSENT_ON_HOLD));
            fixture.given(registeredAs(AgeBand.ADULT),
                            new ConsentGranted(SUBJECT, scope, 1, Optional.empty(), SHOP, REGISTERED_AT),
                            new ConsentGranted(SUBJECT, scope, 2, Optional.empty(), SHOP, REGISTERED_AT))
                    .when(collectFor(personalised, majorChangeOf(personalised)))
                    .expectResultMessagePayload(CommandOutcome.ACCEPTED);
        }

        @Test
        void withdrawingAConsentNotInForceIsRefusedAndRecorded() {
            fixture.given(registeredAs(AgeBand.ADULT))
                    .when(new WithdrawConsent(SUBJECT, scope, SHOP, COLLECTED_AT))
                    .expectEvents(new ConsentRefused(SUBJECT, scope, RefusalReason.NO_CONSENT_IN_FORCE, SHOP,
                            COLLECTED_AT));
        }

        @Test
        void withdrawingAConsentInForceIsRecorded() {
            fixture.given(registeredAs(AgeBand.ADULT), new ConsentGranted(SUBJECT, scope, 1, Optional.empty(), SHOP,
                            REGISTERED_AT))
                    .when(new WithdrawConsent(SUBJECT, scope, SHOP, COLLECTED_AT))
                    .expectEvents(new ConsentWithdrawn(SUBJECT, scope, SHOP, COLLECTED_AT));
        }

        @Test
        void consentCannotBeGivenAfterErasure() {
            fixture.given(registered(), erasureRequested(), erased())
                    .when(new GrantConsent(SUBJECT, scope, 1, Optional.empty(), SHOP, LATER))
                    .expectEvents(new ConsentRefused(SUBJECT, scope, RefusalReason.SUBJECT_ERASED, SHOP, LATER));
        }

        @Test
        void optingOutIsRecordedOnceAndCanBeLifted() {
            fixture.given(registeredAs(AgeBand.ADULT))
                    .when(new ChangeOptOut(SUBJECT, OptOut.SMS, true, SHOP, COLLECTED_AT))
                    .expectEvents(new OptedOut(SUBJECT, OptOut.SMS, SHOP, COLLECTED_AT));
            fixture.given(registeredAs(AgeBand.ADULT), new OptedOut(SUBJECT, OptOut.SMS, SHOP, COLLECTED_AT))
                    .when(new ChangeOptOut(SUBJECT, OptOut.SMS, true, SHOP, LATER))
                    .expectNoEvents();
            fixture.given(registeredAs(AgeBand.ADULT), new OptedOut(SUBJECT, OptOut.SMS, SHOP, COLLECTED_AT))
                    .when(new ChangeOptOut(SUBJECT, OptOut.SMS, false, SHOP, LATER))
                    .expectEvents(new OptedBackIn(SUBJECT, OptOut.SMS, SHOP, LATER));
        }
    }

    // ---- Retention, legal holds and notices ------------------------------------------------------------------

    @Nested
    class Retention {

        private final KeyClass account = KeyClass.of("account");
        private final KeyClass transaction = KeyClass.of("transaction");
        private final KeyClass identity = KeyClass.of("identity");
        private final CollectionId order = CollectionId.of("5b7a1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d");
        private final CollectionId profileRecord = CollectionId.of("6c8b2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e");
        private final Instant completed = Instant.parse("2025-03-03T00:00:00Z");
        private final Instant deadline = Instant.parse("2028-03-03T00:00:00Z");
        private final HoldId hold = HoldId.of("7d9c3e4f-5a6b-4c7d-8e8f-9a0b1c2d3e4f");
        private final Caller legal = Caller.of("legal-affairs");

        private PersonalDataCollected collectedIn(CollectionId id, KeyClass keyClass) {
            return new PersonalDataCollected(SUBJECT, id, CONTACT, DELIVERY, FROM_SUBJECT, keyClass, List.of(),
                    SHOP, COLLECTED_AT);
        }

        private void registerFixture() {
            fixture.registerInjectableResource(TestCatalogue.CATALOGUE);
        }

        @Test
        void accountDataIsDueAtOnceAndTransactionRecordsAreKeptUntilThreeYearsAfterCompletion() {
            registerFixture();
            fixture.given(registered(), collectedIn(profileRecord, account), collectedIn(order, transaction),
                            new TransactionCompleted(SUBJECT, order, SHOP, completed), erasureRequested())
                    .when(new PlanShredding(SUBJECT, ERASURE_REQUESTED_AT))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ShreddingPlan(List.of(account, identity),
                            List.of(new RetainedData(transaction, Optional.of(deadline))), List.of()));
        }

        @Test
        void aTransactionNotYetCompletedIsKeptWithoutAKnownDeadline() {
            registerFixture();
            fixture.given(registered(), collectedIn(order, transaction), erasureRequested())
                    .when(new PlanShredding(SUBJECT, ERASURE_REQUESTED_AT))
                    .expectResultMessagePayload(new ShreddingPlan(List.of(account, identity),
                            List.of(new RetainedData(transaction, Optional.empty())), List.of()));
        }

        @Test
        void afterTheTombstoneTheRetainedClassIsDueOnceItsDeadlinePassed() {
            registerFixture();
            DataSubjectErased partly = new DataSubjectErased(SUBJECT, ERASURE, destroyedKeys(),
                    List.of(new RetainedData(transaction, Optional.of(deadline))), ERASURE_REQUESTED_AT, ERASED_AT);
            fixture.given(registered(), collectedIn(order, transaction),
                            new TransactionCompleted(SUBJECT, order, SHOP, completed), erasureRequested(), partly)
                    .when(new PlanShredding(SUBJECT, deadline.minusSeconds(1)))
                    .expectResultMessagePayload(new ShreddingPlan(List.of(),
                            List.of(new RetainedData(transaction, Optional.of(deadline))), List.of()));
            fixture.given(registered(), collectedIn(order, transaction),
                            new TransactionCompleted(SUBJECT, order, SHOP, completed), erasureRequested(), partly)
                    .when(new PlanShredding(SUBJECT, deadline))
                    .expectResultMessagePayload(new ShreddingPlan(List.of(transaction), List.of(), List.of()));
        }

        @Test
        void aLegalHoldBlocksShreddingAndTheRefusalIsRecordedOnce() {
            registerFixture();
            fixture.given(registered(), new LegalHoldPlaced(SUBJECT, hold, "case 2026/9", legal, REGISTERED_AT),
                            erasureRequested())
                    .when(new PlanShredding(SUBJECT, ERASURE_REQUESTED_AT))
                    .expectEvents(new ShreddingRefused(SUBJECT, List.of(account, identity, transaction), List.of(hold),
                            ERASURE_REQUESTED_AT))
                    .expectResultMessagePayload(new ShreddingPlan(List.of(), List.of(), List.of(hold)));
            fixture.given(registered(), new LegalHoldPlaced(SUBJECT, hold, "case 2026/9", legal, REGISTERED_AT),
                            erasureRequested(), new ShreddingRefused(SUBJECT, List.of(account), List.of(hold),
                                    ERASURE_REQUESTED_AT))
                    .when(new PlanShredding(SUBJECT, LATER))
                    .expectNoEvents();
        }

        @Test
        void onceTheHoldIsReleasedTheDeadlinesThatPassedAreHonoured() {
            registerFixture();
            fixture.given(registered(), new LegalHoldPlaced(SUBJECT, hold, "case 2026/9", legal, REGISTERED_AT),
                            erasureRequested(), new LegalHoldReleased(SUBJECT, hold, legal, LATER))
                    .when(new PlanShredding(SUBJECT, LATER))
                    .expectNoEvents()
                    .expectResultMessagePayload(new ShreddingPlan(List.of(account, identity, transaction), List.of(),
                            List.of()));
        }

        @Test
        void releasingAHoldThatIsNotInForceIsRefused() {
            fixture.given(registered())
                    .when(new ReleaseLegalHold(SUBJECT, hold, legal, LATER))
                    .expectNoEvents()
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.NO_SUCH_HOLD));
        }

        @Test
        void aTransactionCompletesOnceAndOnlyForARecordOfTheSubject() {
            fixture.given(registered(), collectedIn(order, transaction))
                    .when(new CompleteTransaction(SUBJECT, order, SHOP, completed))
                    .expectEvents(new TransactionCompleted(SUBJECT, order, SHOP, completed));
            fixture.given(registered(), collectedIn(order, transaction),
                            new TransactionCompleted(SUBJECT, order, SHOP, completed))
                    .when(new CompleteTransaction(SUBJECT, order, SHOP, LATER))
                    .expectNoEvents();
            fixture.given(registered())
                    .when(new CompleteTransaction(SUBJECT, order, SHOP, completed))
                    .expectResultMessagePayload(CommandOutcome.refused(RefusalReason.UNKNOWN_COLLECTION));
        }

        @Test
        void theTombstoneRecordsWhatIsRetainedAndNoticesEveryRecipient() {
            List<RetainedData> kept = List.of(new RetainedData(transaction, Optional.of(deadline)));
            Recipient courier = Recipient.of("sf-express");
            fixture.given(registered(), erasureRequested())
                    .when(new CompleteErasure(SUBJECT, ERASURE, destroyedKeys(), kept, List.of(courier), ERASED_AT))
                    .expectEvents(new DataSubjectErased(SUBJECT, ERASURE, destroyedKeys(), kept, ERASURE_REQUESTED_AT,
                                    ERASED_AT),
                            new RecipientsNotified(SUBJECT, Notice.ERASURE, List.of(courier), ERASURE.value(),
                                    ERASED_AT));
        }

        @Test
        void shreddingRetainedDataIsRecordedOnce() {
            List<RetainedData> kept = List.of(new RetainedData(transaction, Optional.of(deadline)));
            DestroyedKey key = new DestroyedKey(transaction, 1, "local-123456", deadline);
            fixture.given(registered(), erasureRequested(), new DataSubjectErased(SUBJECT, ERASURE, destroyedKeys(),
                            kept, ERASURE_REQUESTED_AT, ERASED_AT))
                    .when(new RecordRetainedShredding(SUBJECT, List.of(key), deadline))
                    .expectEvents(new RetainedDataShredded(SUBJECT, List.of(key), deadline));
            fixture.given(registered(), erasureRequested(), new DataSubjectErased(SUBJECT, ERASURE, destroyedKeys(),
                            kept, ERASURE_REQUESTED_AT, ERASED_AT), new RetainedDataShredded(SUBJECT, List.of(key),
                            deadline))
                    .when(new RecordRetainedShredding(SUBJECT, List.of(key), deadline))
                    .expectNoEvents();
        }
    }
}
