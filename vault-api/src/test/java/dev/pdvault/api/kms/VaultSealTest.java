package dev.pdvault.api.kms;

import com.amazonaws.auth.AWSStaticCredentialsProvider;
import com.amazonaws.auth.BasicAWSCredentials;
import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.crypto.KeyEncryptionKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The seal's causes, one per way a KEK fails at start-up, and its retry. */
class VaultSealTest {

    private static final String ARN = "arn:aws:kms:eu-central-1:111122223333:key/0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f";

    @TempDir
    Path dir;

    /** Written by the seal's retry thread. */
    private final List<Object> published = new CopyOnWriteArrayList<>();

    private VaultSeal seal(KekProvider provider, Supplier<KeyEncryptionKeys> loader) {
        return new VaultSeal(provider, loader, Duration.ofMillis(100), published::add);
    }

    private static VaultProperties.Kek local(Path file, boolean create) {
        return new VaultProperties.Kek(file, List.of(), Duration.ofDays(30), null, create, Duration.ofSeconds(15),
                Duration.ofSeconds(2), new VaultProperties.Aws(null, null), new VaultProperties.Gcp(null, null),
                new VaultProperties.Transit(null, null, "transit", null));
    }

    @Test
    void aMissingKeysetFileThatMayNotBeCreatedSealsTheVault() {
        Path file = dir.resolve("kek.json");
        VaultSeal seal = seal(KekProvider.LOCAL, new KekSource(local(file, false)));

        assertThat(seal.sealed()).isTrue();
        assertThat(seal.cause()).contains("local").contains("does not exist").contains("create-missing-keyset");
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> new SealableKeyEncryptionKeys(seal).primaryVersion())
                .isInstanceOf(KekUnavailableException.class);
    }

    @Test
    void aKeysetFileThatCannotBeCreatedSealsTheVault() throws Exception {
        Path locked = Files.createDirectory(dir.resolve("locked"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-x------")));
        VaultSeal seal = seal(KekProvider.LOCAL, new KekSource(local(locked.resolve("sub/kek.json"), true)));

        if ("root".equals(System.getProperty("user.name"))) {
            // root ignores the directory's permissions: the file is created and the vault unsealed
            assertThat(seal.sealed()).isFalse();
            return;
        }
        assertThat(seal.sealed()).isTrue();
        assertThat(seal.cause()).contains("local").contains("cannot be");
    }

    @Test
    void providerFollowsTheKeyUrisWhenNotSet() {
        VaultProperties.Kek kek = local(null, true);
        assertThat(KekSource.providerOf(kek)).isEqualTo(KekProvider.LOCAL);
        VaultProperties.Kek aws = new VaultProperties.Kek(null, List.of("aws-kms://" + ARN), Duration.ofDays(30), null,
                true, Duration.ofSeconds(15), Duration.ofSeconds(2), kek.aws(), kek.gcp(), kek.transit());
        assertThat(KekSource.providerOf(aws)).isEqualTo(KekProvider.AWS_KMS);
    }

    @Test
    void anUnreachableKmsSealsTheVaultAndTheRetryUnsealsItWhenTheKmsAnswers() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StandInAwsKms kms = new StandInAwsKms(ARN);
        int kmsPort = port;
        Supplier<KeyEncryptionKeys> loader = () -> AwsKms.keyEncryptionKeys(List.of("aws-kms://" + ARN),
                java.net.URI.create("http://127.0.0.1:" + kmsPort), null,
                new AWSStaticCredentialsProvider(new BasicAWSCredentials(StandInAwsKms.ACCESS_KEY, "s")),
                Duration.ofSeconds(1));
        VaultSeal seal = seal(KekProvider.AWS_KMS, loader);
        try {
            assertThat(seal.sealed()).isTrue();
            assertThat(seal.cause()).isEqualTo("the key-encryption key (aws-kms) cannot be reached: connection refused");

            seal.applicationReady();
            kms.start(port);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // the retry thread unseals, then announces it: wait for both
            while (seal.sealed() || published.isEmpty()) {
                assertThat(System.nanoTime()).as("unsealed in time").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(seal.cause()).isNull();
            assertThat(published).singleElement().isInstanceOf(KekUnsealed.class);
            assertThat(new SealableKeyEncryptionKeys(seal).primaryVersion()).isEqualTo("aws-kms://" + ARN);
        } finally {
            seal.destroy();
            kms.stop();
        }
    }

    @Test
    void wrongCredentialsSealTheVaultWithTheKmsAnswer() throws Exception {
        try (StandInAwsKms kms = new StandInAwsKms(ARN)) {
            kms.start(0);
            VaultSeal seal = seal(KekProvider.AWS_KMS, () -> AwsKms.keyEncryptionKeys(List.of("aws-kms://" + ARN),
                    kms.endpoint(), null, new AWSStaticCredentialsProvider(new BasicAWSCredentials("AKIDWRONG", "s")),
                    Duration.ofSeconds(1)));

            assertThat(seal.sealed()).isTrue();
            assertThat(seal.cause()).isEqualTo(
                    "the key-encryption key (aws-kms) refused the vault: HTTP 400 UnrecognizedClientException");
            seal.destroy();
        }
    }
}
