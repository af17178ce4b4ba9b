package dev.pdvault.domain.credential.command;

import dev.pdvault.crypto.DataKey;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.InsecureLocalKeyEncryptionKeys;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.SealedValue;
import dev.pdvault.domain.credential.api.CredentialId;
import dev.pdvault.domain.credential.api.PasswordSet;
import dev.pdvault.domain.credential.api.PasswordVerificationFailed;
import dev.pdvault.domain.credential.api.PasswordVerified;
import dev.pdvault.domain.credential.api.RecordPasswordVerification;
import dev.pdvault.domain.credential.api.SetPassword;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.shared.InvalidIdException;
import dev.pdvault.domain.subject.api.SubjectId;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CredentialTest {

    private static final SubjectId SUBJECT = SubjectId.of("3f1c2b4a-5d6e-4f70-8a91-b2c3d4e5f607");
    private static final CredentialId CREDENTIAL = CredentialId.of(SUBJECT);
    private static final Caller SHOP = Caller.of("shop-service");
    private static final Caller LOGIN = Caller.of("login-service");
    private static final Instant SET_AT = Instant.parse("2025-03-01T09:00:00Z");
    private static final Instant CHANGED_AT = Instant.parse("2025-03-02T10:00:00Z");
    private static final Instant VERIFIED_AT = Instant.parse("2025-03-03T11:00:00Z");

    /** What the API seals: an Argon2id PHC string, never the password. Its content does not matter here. */
    private static final String HASH = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaA";
    private static final String OTHER_HASH = "$argon2id$v=19$m=19456,t=2,p=1$b3RoZXJzYWx0b3RoZXI$b3RoZXJoYXNob3RoZXI";

    @TempDir
    Path tempDir;

    private AggregateTestFixture<Credential> fixture;
    private SealedValue sealedHash;
    private SealedValue otherSealedHash;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Credential.class);
        DataKeys dataKeys = new DataKeys(InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("kek.json")),
                10, Duration.ofMinutes(5));
        DataKey key = dataKeys.unwrap(dataKeys.generate(new KeyScope(SUBJECT.value(), "account")));
        String binding = PasswordSet.CATEGORY + "/" + PasswordSet.FIELD + "/" + PasswordSet.PURPOSE;
        sealedHash = key.seal(binding, CREDENTIAL.value(), HASH);
        otherSealedHash = key.seal(binding, CREDENTIAL.value(), OTHER_HASH);
    }

    private PasswordSet passwordSet() {
        return new PasswordSet(CREDENTIAL, SUBJECT, sealedHash, SHOP, SET_AT);
    }

    @Test
    void canSetAPasswordOfASubjectThatHasNone() {
        fixture.givenNoPriorActivity()
                .when(new SetPassword(SUBJECT, sealedHash, SHOP, SET_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(passwordSet());
    }

    @Test
    void canChangeAPasswordWithASecondPasswordSet() {
        fixture.given(passwordSet())
                .when(new SetPassword(SUBJECT, otherSealedHash, SHOP, CHANGED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new PasswordSet(CREDENTIAL, SUBJECT, otherSealedHash, SHOP, CHANGED_AT));
    }

    @Test
    void aMatchingPasswordIsRecordedAsVerified() {
        fixture.given(passwordSet())
                .when(new RecordPasswordVerification(SUBJECT, true, LOGIN, VERIFIED_AT))
                .expectResultMessagePayload(true)
                .expectEvents(new PasswordVerified(CREDENTIAL, SUBJECT, LOGIN, VERIFIED_AT));
    }

    @Test
    void aWrongPasswordIsRecordedAsAFailedVerification() {
        fixture.given(passwordSet())
                .when(new RecordPasswordVerification(SUBJECT, false, LOGIN, VERIFIED_AT))
                .expectResultMessagePayload(false)
                .expectEvents(new PasswordVerificationFailed(CREDENTIAL, SUBJECT, LOGIN, VERIFIED_AT));
    }

    @Test
    void aChangedPasswordIsVerifiedOnTheCredentialOfItsSubject() {
        fixture.given(passwordSet(), new PasswordSet(CREDENTIAL, SUBJECT, otherSealedHash, SHOP, CHANGED_AT))
                .when(new RecordPasswordVerification(SUBJECT, false, LOGIN, VERIFIED_AT))
                .expectEvents(new PasswordVerificationFailed(CREDENTIAL, SUBJECT, LOGIN, VERIFIED_AT));
    }

    @Test
    void cannotVerifyWhenNoPasswordWasEverSet() {
        fixture.givenNoPriorActivity()
                .when(new RecordPasswordVerification(SUBJECT, true, LOGIN, VERIFIED_AT))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void theCredentialIdIsTheSubjectsIdAndNothingElse() {
        assertThat(CREDENTIAL.value()).isEqualTo("credential-" + SUBJECT.value());
        assertThat(CredentialId.of(CREDENTIAL.value()).subjectId()).isEqualTo(SUBJECT);
        assertThatThrownBy(() -> CredentialId.of("credential-not-a-uuid")).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> CredentialId.of(SUBJECT.value())).isInstanceOf(InvalidIdException.class);
        assertThatThrownBy(() -> CredentialId.of("credential-3F1C2B4A-5D6E-4F70-8A91-B2C3D4E5F607"))
                .isInstanceOf(InvalidIdException.class);
    }
}
