package dev.pdvault.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;

/**
 * A development KEK: a Tink keyset kept in cleartext in a local file. Anyone who can read the file can
 * unwrap every data key, which is why the name says "insecure" and why the vault warns loudly when it uses
 * one. Production uses {@link KmsKeyEncryptionKeys}.
 *
 * <p>Each key of the keyset is one KEK version, named {@code local-<key id>}; the keyset's primary key wraps
 * new data keys. The file is created with owner-only permissions outside the repository.
 */
public final class InsecureLocalKeyEncryptionKeys implements KeyEncryptionKeys {

    private static final String PREFIX = "local-";

    private final Path file;
    private volatile KeysetHandle keyset;
    private volatile Aead aead;

    private InsecureLocalKeyEncryptionKeys(Path file, KeysetHandle keyset) throws GeneralSecurityException {
        this.file = file;
        use(keyset);
    }

    /** Loads the keyset file, or generates one (and reports that it did) when there is none. */
    public static InsecureLocalKeyEncryptionKeys loadOrGenerate(Path file) {
        Tink.register();
        try {
            if (Files.exists(file)) {
                String json = Files.readString(file, StandardCharsets.UTF_8);
                return new InsecureLocalKeyEncryptionKeys(file,
                        TinkJsonProtoKeysetFormat.parseKeyset(json, InsecureSecretKeyAccess.get()));
            }
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            InsecureLocalKeyEncryptionKeys keys = new InsecureLocalKeyEncryptionKeys(file, handle);
            keys.store();
            return keys;
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot load the local key-encryption keyset", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the local key-encryption keyset file", e);
        }
    }

    private void use(KeysetHandle handle) throws GeneralSecurityException {
        this.keyset = handle;
        this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    private void store() throws IOException, GeneralSecurityException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get()),
                StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    public Path file() {
        return file;
    }

    @Override
    public String primaryVersion() {
        return PREFIX + Integer.toUnsignedString(keyset.getPrimary().getId());
    }

    @Override
    public List<String> versions() {
        KeysetHandle handle = keyset;
        List<String> out = new ArrayList<>(handle.size());
        for (int i = 0; i < handle.size(); i++) {
            out.add(PREFIX + Integer.toUnsignedString(handle.getAt(i).getId()));
        }
        return out;
    }

    @Override
    public Aead aead(String version) {
        if (!versions().contains(version)) {
            throw new CryptoException("unknown or destroyed key-encryption key version");
        }
        // Tink picks the key by the ciphertext's prefix; the version check above keeps destroyed ones out.
        return aead;
    }

    @Override
    public String describe() {
        return "local keyset file (development only)";
    }
}
