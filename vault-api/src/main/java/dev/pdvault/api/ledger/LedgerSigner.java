package dev.pdvault.api.ledger;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.PublicKeySign;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.signature.PredefinedSignatureParameters;
import com.google.crypto.tink.signature.SignatureConfig;
import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.api.kms.KekProvider;
import dev.pdvault.api.ledger.verify.Checkpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.Base64;

/**
 * The vault's Ed25519 checkpoint-signing keyset. Development only: a local file, created 0600 when missing, like the
 * development KEK; anyone who can read it can sign fake checkpoints. Production should hold the key in a KMS or HSM
 * (not built yet: see docs/operations.md).
 */
@Component
public class LedgerSigner {

    private static final Logger log = LoggerFactory.getLogger(LedgerSigner.class);

    private final KeysetHandle keyset;
    private final PublicKeySign sign;

    /** No signing key is configured (a KMS KEK and no {@code vault.ledger.signing-keyset-file}). */
    public static final class NotConfiguredException extends RuntimeException {
        NotConfiguredException() {
            super("no ledger signing key configured");
        }
    }

    public LedgerSigner(LedgerProperties properties, VaultProperties vault) {
        try {
            SignatureConfig.register();
            Path file = properties.signingKeysetFile();
            VaultProperties.Kek kek = vault.kek();
            boolean localKek = kek.provider() == KekProvider.LOCAL
                    || (kek.provider() == null && kek.kmsKeyUris().isEmpty());
            Path kekFile = localKek ? kek.localKeysetFile() : null;
            if (file == null && kekFile != null) {
                file = kekFile.resolveSibling("dev-ledger-signing.json");
            }
            if (file == null) {
                log.warn("No ledger signing key: set vault.ledger.signing-keyset-file; no checkpoints are signed");
                keyset = null;
                sign = null;
                return;
            }
            boolean existed = Files.exists(file);
            keyset = existed ? TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file, StandardCharsets.UTF_8),
                    InsecureSecretKeyAccess.get()) : generate(file);
            sign = keyset.getPrimitive(RegistryConfiguration.get(), PublicKeySign.class);
            log.warn("DEVELOPMENT ledger signing key {} {}: anyone who can read it can sign checkpoints",
                    existed ? "loaded from" : "GENERATED in", file);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot load the ledger signing keyset", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the ledger signing keyset file", e);
        }
    }

    private static KeysetHandle generate(Path file) throws GeneralSecurityException, IOException {
        KeysetHandle handle = KeysetHandle.generateNew(PredefinedSignatureParameters.ED25519);
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()),
                StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        return handle;
    }

    public long keyId() {
        configured();
        return Integer.toUnsignedLong(keyset.getPrimary().getId());
    }

    /** The public keyset in Tink's JSON format: what auditors pin. */
    public String publicKeysetJson() {
        configured();
        try {
            return TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(keyset.getPublicKeysetHandle());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot serialize the ledger public key", e);
        }
    }

    public boolean isConfigured() {
        return keyset != null;
    }

    private void configured() {
        if (keyset == null) {
            throw new NotConfiguredException();
        }
    }

    /** The checkpoint, signed. */
    public Checkpoint sign(long number, long size, long lastGlobalIndex, String head, String createdAt) {
        Checkpoint unsigned = new Checkpoint(number, size, lastGlobalIndex, head, keyId(), null, createdAt);
        try {
            String signature = Base64.getEncoder().encodeToString(sign.sign(unsigned.signedBytes()));
            return new Checkpoint(number, size, lastGlobalIndex, head, keyId(), signature, createdAt);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a ledger checkpoint", e);
        }
    }
}
