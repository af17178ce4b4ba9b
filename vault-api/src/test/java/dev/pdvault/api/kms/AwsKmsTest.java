package dev.pdvault.api.kms;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import dev.pdvault.crypto.CryptoException;
import dev.pdvault.crypto.KeyEncryptionKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AWS KMS through tink-awskms and the AWS SDK, against a stand-in speaking KMS's JSON protocol. */
class AwsKmsTest {

    private static final String ARN = "arn:aws:kms:eu-central-1:111122223333:key/0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f";
    private static final AWSStaticCredentialsProvider CREDENTIALS =
            new AWSStaticCredentialsProvider(new BasicAWSCredentials(StandInAwsKms.ACCESS_KEY, "stand-in-secret"));

    private StandInAwsKms kms;

    @BeforeEach
    void start() throws Exception {
        kms = new StandInAwsKms(ARN);
        kms.start(0);
    }

    @AfterEach
    void stop() {
        kms.stop();
    }

    private Supplier<KeyEncryptionKeys> keks() {
        return () -> AwsKms.keyEncryptionKeys(List.of("aws-kms://" + ARN), kms.endpoint(), null, CREDENTIALS,
                Duration.ofSeconds(2));
    }

    @Test
    void wrapsAndUnwrapsDataKeysThroughAwsKms() {
        KeyEncryptionKeys keks = keks().get();

        assertThat(keks.primaryVersion()).isEqualTo("aws-kms://" + ARN);
        assertThat(keks.describe()).isEqualTo("AWS KMS");
        EnvelopeChecks.wrapAndUnwrap(keks(), kms);
    }

    @Test
    void onlyAwsKmsHoldsTheKek() throws Exception {
        EnvelopeChecks.Wrapped wrapped = EnvelopeChecks.wrapAndUnwrap(keks(), kms);

        EnvelopeChecks.onlyTheKmsCanUnwrap(keks(), kms, wrapped, new StandInAwsKms(ARN));
    }

    @Test
    void wrongCredentialsAreRefusedByTheKms() {
        KeyEncryptionKeys keks = AwsKms.keyEncryptionKeys(List.of("aws-kms://" + ARN), kms.endpoint(), null,
                new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIDOTHER", "x")), Duration.ofSeconds(2));

        assertThatThrownBy(() -> EnvelopeChecks.dataKeys(keks).generate(EnvelopeChecks.SCOPE))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void refusesKeyUrisThatAreNotAwsKmsArns() {
        assertThatThrownBy(() -> AwsKms.keyEncryptionKeys(List.of("aws-kms://alias/pdvault"), kms.endpoint(), null,
                CREDENTIALS, Duration.ofSeconds(2))).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> AwsKms.keyEncryptionKeys(List.of("gcp-kms://projects/p"), kms.endpoint(), null,
                CREDENTIALS, Duration.ofSeconds(2))).isInstanceOf(CryptoException.class);
    }
}
