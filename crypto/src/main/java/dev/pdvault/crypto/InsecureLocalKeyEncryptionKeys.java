package dev.pdvault.crypto;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
 *
 * <p>{@link #rotate()} adds a new primary key; {@link #destroy(String)} removes a key from the keyset. Both
 * rewrite the file durably before they return: a temporary file, fsync, an atomic rename, fsync of the
 * directory. A removed key is gone from this file, but not from copies of it: a copy of the keyset file (a
 * backup of the home directory, say) keeps the destroyed version alive, which is one more reason this KEK is
 * for development only.
 */
public final class InsecureLocalKeyEncryptionKeys implements KeyEncryptionKeys {

    private static final String PREFIX = "local-";

    /** The keyset and its primitive, swapped together so no reader sees one without the other. */
    private record State(KeysetHandle keyset, Aead aead) {
    }

    private final Path file;
    private volatile State state;

    private InsecureLocalKeyEncryptionKeys(Path file, KeysetHandle keyset) throws GeneralSecurityException {
        this.file = file;
        this.state = stateOf(keyset);
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
            keys.store(handle);
            return keys;
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot load the local key-encryption keyset", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the local key-encryption keyset file", e);
        }
    }

    private static State stateOf(KeysetHandle handle) throws GeneralSecurityException {
        return new State(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class));
    }

    private void store(KeysetHandle handle) throws IOException, GeneralSecurityException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null) {
            Files.createDirectories(dir);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        byte[] json = TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get())
                .getBytes(StandardCharsets.UTF_8);
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(json);
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
            out.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        if (dir != null) {
            try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
                directory.force(true);
            } catch (IOException e) {
                // some platforms cannot open a directory for fsync; the rename itself is atomic
            }
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public String primaryVersion() {
        return PREFIX + Integer.toUnsignedString(state.keyset().getPrimary().getId());
    }

    @Override
    public List<String> versions() {
        KeysetHandle handle = state.keyset();
        List<String> out = new ArrayList<>(handle.size());
        for (int i = 0; i < handle.size(); i++) {
            out.add(PREFIX + Integer.toUnsignedString(handle.getAt(i).getId()));
        }
        return out;
    }

    @Override
    public Aead aead(String version) {
        State current = state;
        if (indexOf(current.keyset(), version) < 0) {
            throw new CryptoException("unknown or destroyed key-encryption key version");
        }
        // Tink picks the key by the ciphertext's prefix; a destroyed key is no longer in the keyset at all.
        return current.aead();
    }

    @Override
    public synchronized String rotate() {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(state.keyset());
            builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId().makePrimary());
            KeysetHandle next = builder.build();
            store(next);
            state = stateOf(next);
            return primaryVersion();
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot rotate the local key-encryption keyset", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local key-encryption keyset file", e);
        }
    }

    @Override
    public synchronized void destroy(String version) {
        KeysetHandle current = state.keyset();
        int index = indexOf(current, version);
        if (index < 0) {
            throw new CryptoException("unknown or destroyed key-encryption key version");
        }
        if (current.getAt(index).isPrimary()) {
            throw new CryptoException("the primary key-encryption key version cannot be destroyed: rotate first");
        }
        try {
            KeysetHandle next = KeysetHandle.newBuilder(current).deleteAt(index).build();
            store(next);
            state = stateOf(next);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot destroy a local key-encryption key version", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the local key-encryption keyset file", e);
        }
    }

    private static int indexOf(KeysetHandle handle, String version) {
        for (int i = 0; i < handle.size(); i++) {
            if ((PREFIX + Integer.toUnsignedString(handle.getAt(i).getId())).equals(version)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String describe() {
        return "local keyset file (development only)";
    }
}
