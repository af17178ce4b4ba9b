package dev.pdvault.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.proto.EncryptedKeyset;
import com.google.protobuf.ByteString;
import com.google.protobuf.ExtensionRegistryLite;
import com.google.protobuf.InvalidProtocolBufferException;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Makes, wraps and unwraps data keysets (AES256-GCM, one per {@link KeyScope}).
 *
 * <p>Unwrapped keys are cached, bounded in size and time, because unwrapping costs a KEK call (a network
 * round trip with a real KMS). The cache is only a speed-up, never an authority: callers must check that the
 * key still exists in the key store inside the same transaction as the access, and {@link #forget(String)}
 * drops a subject's keys at erasure.
 */
public final class DataKeys {

    /**
     * Includes the wrapped bytes: two keysets of one scope can share version and KEK version (every
     * {@link #generate} is version 1), and must never be served one for the other.
     */
    private record CacheKey(KeyScope scope, long version, String kekVersion, ByteBuffer wrappedKeyset) {
    }

    private final KeyEncryptionKeys keks;
    private final Cache<CacheKey, DataKey> cache;
    /**
     * The cached keys of each subject, so that {@link #forget} drops a subject's keys without looking at every
     * cached key (an erasure, and every node's notification of it, paid a pass over up to
     * {@code vault.crypto.cache-max-keys} entries). Kept by {@link #unwrap} and by the cache's removals.
     */
    private final ConcurrentMap<String, Set<CacheKey>> bySubject = new ConcurrentHashMap<>();

    public DataKeys(KeyEncryptionKeys keks, long maxCachedKeys, Duration cacheTtl) {
        Tink.register();
        this.keks = keks;
        // Removals are handled on the thread that causes them (Runnable::run), never inside an update of bySubject.
        this.cache = Caffeine.newBuilder().maximumSize(maxCachedKeys).expireAfterWrite(cacheTtl)
                .executor(Runnable::run)
                .<CacheKey, DataKey>removalListener((key, value, cause) -> unindex(key))
                .build();
    }

    public KeyEncryptionKeys keyEncryptionKeys() {
        return keks;
    }

    /** A new data keyset for the scope, wrapped by the primary KEK version. */
    public WrappedDataKey generate(KeyScope scope) {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            return wrap(scope, 1, handle);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot generate a data key");
        }
    }

    /**
     * The keyset with a fresh AES256-GCM key added as its primary, wrapped by the current primary KEK version, as
     * the next version of the row. New seals use the new key; the older keys stay in the keyset (not primary), so
     * every value sealed before still opens: a sealed value names the key that sealed it (its Tink key id).
     * Nothing is re-encrypted.
     */
    public WrappedDataKey rotate(WrappedDataKey wrapped) {
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(parse(wrapped))
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            return wrap(wrapped.scope(), wrapped.version() + 1, rotated);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot rotate a data key");
        }
    }

    /**
     * The same keyset wrapped by the current primary KEK version, as the next version of the row, in the format
     * {@link #unwrap} reads. The keyset's bytes are decrypted by the old KEK version and encrypted by the new one
     * under the same associated data, without building a {@code KeysetHandle} (parsing every key of the keyset and
     * serializing it again were most of a rewrap's cost). Fails closed like an unwrap: a wrong KEK version, scope or
     * altered bytes throw.
     */
    public WrappedDataKey rewrap(WrappedDataKey wrapped) {
        String kek = keks.primaryVersion();
        byte[] associatedData = AssociatedData.forWrappedKey(wrapped.scope());
        byte[] keyset = null;
        try {
            // Tink's public API reads an encrypted keyset only into a KeysetHandle; its EncryptedKeyset message (the
            // format serializeEncryptedKeyset writes: the AEAD ciphertext of the keyset and non-secret key infos) is
            // the one way to re-encrypt the keyset's bytes as they are.
            EncryptedKeyset old = EncryptedKeyset.parseFrom(wrapped.wrappedKeyset(),
                    ExtensionRegistryLite.getEmptyRegistry());
            keyset = keks.aead(wrapped.kekVersion()).decrypt(old.getEncryptedKeyset().toByteArray(), associatedData);
            byte[] bytes = old.toBuilder()
                    .setEncryptedKeyset(ByteString.copyFrom(keks.aead(kek).encrypt(keyset, associatedData)))
                    .build().toByteArray();
            return new WrappedDataKey(wrapped.scope(), wrapped.version() + 1, kek, bytes);
        } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
            throw new CryptoException("cannot rewrap a data key");
        } finally {
            if (keyset != null) {
                Arrays.fill(keyset, (byte) 0);
            }
        }
    }

    private WrappedDataKey wrap(KeyScope scope, long version, KeysetHandle handle) {
        String kek = keks.primaryVersion();
        try {
            byte[] bytes = TinkProtoKeysetFormat.serializeEncryptedKeyset(handle, keks.aead(kek),
                    AssociatedData.forWrappedKey(scope));
            return new WrappedDataKey(scope, version, kek, bytes);
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot wrap a data key");
        }
    }

    /** The usable key of a wrapped keyset, from the cache when it holds this exact version. */
    public DataKey unwrap(WrappedDataKey wrapped) {
        CacheKey key = new CacheKey(wrapped.scope(), wrapped.version(), wrapped.kekVersion(),
                ByteBuffer.wrap(wrapped.wrappedKeyset()).asReadOnlyBuffer());
        DataKey cached = cache.getIfPresent(key);
        if (cached != null) {
            return cached;
        }
        try {
            KeysetHandle handle = parse(wrapped);
            DataKey fresh = new DataKey(wrapped.scope(), handle.getPrimitive(RegistryConfiguration.get(), Aead.class),
                    Integer.toUnsignedLong(handle.getPrimary().getId()));
            // indexed first: a key the cache drops at once (evicted on arrival) then leaves the index again
            bySubject.computeIfAbsent(key.scope().subjectId(), subject -> ConcurrentHashMap.newKeySet()).add(key);
            cache.put(key, fresh);
            return fresh;
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot use a data key");
        }
    }

    private KeysetHandle parse(WrappedDataKey wrapped) {
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped.wrappedKeyset(),
                    keks.aead(wrapped.kekVersion()), AssociatedData.forWrappedKey(wrapped.scope()));
        } catch (GeneralSecurityException e) {
            throw new CryptoException("cannot unwrap a data key");
        }
    }

    /**
     * Drops every cached key of the subject; call it when its keys are destroyed or rotated. A key unwrapped at
     * the same moment may stay cached, as before: the cache is never the authority (see above).
     */
    public void forget(String subjectId) {
        Set<CacheKey> keys = bySubject.remove(subjectId);
        if (keys != null) {
            cache.invalidateAll(keys);
        }
    }

    /** Drops every cached key (KEK rotation, compromise). */
    public void forgetAll() {
        cache.invalidateAll();
        bySubject.clear();
    }

    /** A key left the cache (evicted, expired, dropped): it leaves the subject's index unless cached again. */
    private void unindex(CacheKey key) {
        if (key == null) {
            return;
        }
        bySubject.computeIfPresent(key.scope().subjectId(), (subject, keys) -> {
            if (!cache.asMap().containsKey(key)) {
                keys.remove(key);
            }
            return keys.isEmpty() ? null : keys;
        });
    }

    /** How many subjects have keys in the cache's index (for tests: the index must not outgrow the cache). */
    long indexedSubjects() {
        cache.cleanUp();
        return bySubject.size();
    }

    public long cachedKeys() {
        return cache.estimatedSize();
    }
}
