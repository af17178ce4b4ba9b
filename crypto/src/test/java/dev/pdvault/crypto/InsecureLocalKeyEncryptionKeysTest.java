package dev.pdvault.crypto;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InsecureLocalKeyEncryptionKeysTest {

    @TempDir
    Path tempDir;

    @Test
    void generatesAKeysetFileReadableByTheOwnerOnly() throws Exception {
        Path file = tempDir.resolve("kek.json");

        InsecureLocalKeyEncryptionKeys keks = InsecureLocalKeyEncryptionKeys.loadOrGenerate(file);

        assertThat(keks.file()).isEqualTo(file);
        assertThat(file).isRegularFile();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isNotBlank();
        assertThat(tempDir.resolve("kek.json.tmp")).doesNotExist();
    }

    @Test
    void createsMissingParentDirectories() {
        Path file = tempDir.resolve("a").resolve("b").resolve("kek.json");

        InsecureLocalKeyEncryptionKeys.loadOrGenerate(file);

        assertThat(file).isRegularFile();
    }

    @Test
    void loadsTheSameKeysetAgain() throws Exception {
        Path file = tempDir.resolve("kek.json");
        InsecureLocalKeyEncryptionKeys generated = InsecureLocalKeyEncryptionKeys.loadOrGenerate(file);
        String contents = Files.readString(file, StandardCharsets.UTF_8);

        InsecureLocalKeyEncryptionKeys loaded = InsecureLocalKeyEncryptionKeys.loadOrGenerate(file);

        assertThat(loaded.primaryVersion()).isEqualTo(generated.primaryVersion());
        assertThat(loaded.versions()).isEqualTo(generated.versions());
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(contents);
    }

    @Test
    void reloadedKeysetUnwrapsDataKeysWrappedBeforeTheReload() {
        Path file = tempDir.resolve("kek.json");
        DataKeys before = new DataKeys(InsecureLocalKeyEncryptionKeys.loadOrGenerate(file), 10, Duration.ofMinutes(1));
        WrappedDataKey wrapped = before.generate(new KeyScope("0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f", "profile"));
        SealedValue sealed = before.unwrap(wrapped).seal("email", "tok_0123456789abcdefghjkmnpqrs", "alice");

        DataKeys after = new DataKeys(InsecureLocalKeyEncryptionKeys.loadOrGenerate(file), 10, Duration.ofMinutes(1));

        assertThat(after.unwrap(wrapped).openString("email", "tok_0123456789abcdefghjkmnpqrs", sealed))
                .isEqualTo("alice");
    }

    @Test
    void twoGeneratedKeysetsAreDifferentKeys() {
        DataKeys first = new DataKeys(InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("one.json")),
                10, Duration.ofMinutes(1));
        DataKeys second = new DataKeys(InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("two.json")),
                10, Duration.ofMinutes(1));
        WrappedDataKey wrapped = first.generate(new KeyScope("0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f", "profile"));

        assertThatThrownBy(() -> second.unwrap(wrapped)).isInstanceOf(CryptoException.class);
    }

    @Test
    void primaryVersionIsNamedAfterItsKeyAndListedAmongTheVersions() {
        InsecureLocalKeyEncryptionKeys keks = InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("k.json"));

        assertThat(keks.primaryVersion()).matches("local-[0-9]+");
        assertThat(keks.versions()).containsExactly(keks.primaryVersion());
        assertThat(keks.aead(keks.primaryVersion())).isNotNull();
    }

    @Test
    void refusesAnUnknownVersion() {
        InsecureLocalKeyEncryptionKeys keks = InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("k.json"));

        assertThatThrownBy(() -> keks.aead("unknown"))
                .isInstanceOf(CryptoException.class)
                .hasMessage("unknown or destroyed key-encryption key version");
        assertThatThrownBy(() -> keks.aead("local-0")).isInstanceOf(CryptoException.class);
    }

    @Test
    void refusesACorruptKeysetFile() throws Exception {
        Path file = tempDir.resolve("kek.json");
        Files.writeString(file, "{\"primaryKeyId\": 1, \"key\": []}", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> InsecureLocalKeyEncryptionKeys.loadOrGenerate(file))
                .isInstanceOf(CryptoException.class);
    }

    @Test
    void saysItIsForDevelopmentOnly() {
        assertThat(InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("k.json")).describe())
                .contains("development only");
    }
    private static final KeyScope SCOPE = new KeyScope("0b7f6a52-3c1e-4d2a-9f10-5a6b7c8d9e0f", "account");
    private static final String TOKEN = "tok_0123456789abcdefghjkmnpqrs";

    @Test
    void rotationAddsANewPrimaryAndKeepsTheOldVersionUsable() {
        InsecureLocalKeyEncryptionKeys keks = InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("k.json"));
        DataKeys keys = new DataKeys(keks, 10, Duration.ofMinutes(1));
        String old = keks.primaryVersion();
        WrappedDataKey wrapped = keys.generate(SCOPE);
        SealedValue sealed = keys.unwrap(wrapped).seal("email", TOKEN, "alice");

        String fresh = keks.rotate();

        assertThat(fresh).isEqualTo(keks.primaryVersion()).isNotEqualTo(old).matches("local-[0-9]+");
        assertThat(keks.versions()).containsExactlyInAnyOrder(old, fresh);
        assertThat(keys.generate(new KeyScope(SCOPE.subjectId(), "identity")).kekVersion()).isEqualTo(fresh);
        keys.forgetAll();
        assertThat(keys.unwrap(wrapped).openString("email", TOKEN, sealed)).isEqualTo("alice");
    }

    @Test
    void rotationIsInTheFileBeforeItReturns() throws Exception {
        Path file = tempDir.resolve("k.json");
        InsecureLocalKeyEncryptionKeys keks = InsecureLocalKeyEncryptionKeys.loadOrGenerate(file);

        String fresh = keks.rotate();

        InsecureLocalKeyEncryptionKeys reloaded = InsecureLocalKeyEncryptionKeys.loadOrGenerate(file);
        assertThat(reloaded.primaryVersion()).isEqualTo(fresh);
        assertThat(reloaded.versions()).containsExactlyInAnyOrderElementsOf(keks.versions());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(tempDir.resolve("k.json.tmp")).doesNotExist();
    }

    @Test
    void aDestroyedVersionIsGoneFromTheFileAndUnwrapsNothingEvenAfterAReload() throws Exception {
        Path file = tempDir.resolve("k.json");
        InsecureLocalKeyEncryptionKeys keks = InsecureLocalKeyEncryptionKeys.loadOrGenerate(file);
        String old = keks.primaryVersion();
        WrappedDataKey wrapped = new DataKeys(keks, 10, Duration.ofMinutes(1)).generate(SCOPE);
        String before = Files.readString(file, StandardCharsets.UTF_8);
        keks.rotate();

        keks.destroy(old);

        assertThat(keks.versions()).doesNotContain(old).containsExactly(keks.primaryVersion());
        assertThatThrownBy(() -> keks.aead(old)).isInstanceOf(CryptoException.class);
        assertThatThrownBy(() -> new DataKeys(keks, 10, Duration.ofMinutes(1)).unwrap(wrapped))
                .isInstanceOf(CryptoException.class);
        String id = old.substring("local-".length());
        assertThat(before).containsPattern("\"keyId\":\\s*" + id + "\\b");
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).doesNotContainPattern("\"keyId\":\\s*" + id + "\\b");
        InsecureLocalKeyEncryptionKeys reloaded = InsecureLocalKeyEncryptionKeys.loadOrGenerate(file);
        assertThat(reloaded.versions()).containsExactly(keks.primaryVersion());
        assertThatThrownBy(() -> new DataKeys(reloaded, 10, Duration.ofMinutes(1)).unwrap(wrapped))
                .isInstanceOf(CryptoException.class);
        assertThat(tempDir.resolve("k.json.tmp")).doesNotExist();
    }

    @Test
    void aKeyRewrappedBeforeItsVersionIsDestroyedStillOpensItsValues() {
        InsecureLocalKeyEncryptionKeys keks = InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("k.json"));
        DataKeys keys = new DataKeys(keks, 10, Duration.ofMinutes(1));
        String old = keks.primaryVersion();
        WrappedDataKey wrapped = keys.generate(SCOPE);
        SealedValue sealed = keys.unwrap(wrapped).seal("email", TOKEN, "alice");

        String fresh = keks.rotate();
        WrappedDataKey rewrapped = keys.rewrap(wrapped);
        keks.destroy(old);
        keys.forgetAll();

        assertThat(rewrapped.kekVersion()).isEqualTo(fresh);
        assertThat(keys.unwrap(rewrapped).openString("email", TOKEN, sealed)).isEqualTo("alice");
        assertThatThrownBy(() -> keys.unwrap(wrapped)).isInstanceOf(CryptoException.class);
    }

    @Test
    void refusesToDestroyThePrimary() {
        InsecureLocalKeyEncryptionKeys keks = InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("k.json"));

        assertThatThrownBy(() -> keks.destroy(keks.primaryVersion()))
                .isInstanceOf(CryptoException.class)
                .hasMessageContaining("primary");
        assertThat(keks.versions()).containsExactly(keks.primaryVersion());
    }

    @Test
    void refusesToDestroyAnUnknownOrAlreadyDestroyedVersion() {
        InsecureLocalKeyEncryptionKeys keks = InsecureLocalKeyEncryptionKeys.loadOrGenerate(tempDir.resolve("k.json"));
        String old = keks.primaryVersion();
        keks.rotate();
        keks.destroy(old);

        assertThatThrownBy(() -> keks.destroy(old))
                .isInstanceOf(CryptoException.class)
                .hasMessage("unknown or destroyed key-encryption key version");
        assertThatThrownBy(() -> keks.destroy("local-0")).isInstanceOf(CryptoException.class);
    }
}
