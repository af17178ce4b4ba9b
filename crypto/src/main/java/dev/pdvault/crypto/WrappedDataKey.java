package dev.pdvault.crypto;

import java.util.Arrays;
import java.util.Objects;

/**
 * A data keyset as it is stored: encrypted by one KEK version, with associated data that binds it to its
 * scope. {@code version} grows with every change of the keyset (rotation, rewrap), so caches can tell an
 * old copy from the current one.
 */
public record WrappedDataKey(KeyScope scope, long version, String kekVersion, byte[] wrappedKeyset) {

    public WrappedDataKey {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(kekVersion, "kekVersion");
        Objects.requireNonNull(wrappedKeyset, "wrappedKeyset");
        wrappedKeyset = wrappedKeyset.clone();
    }

    @Override
    public byte[] wrappedKeyset() {
        return wrappedKeyset.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WrappedDataKey w && scope.equals(w.scope) && version == w.version
                && kekVersion.equals(w.kekVersion) && Arrays.equals(wrappedKeyset, w.wrappedKeyset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(scope, version, kekVersion) * 31 + Arrays.hashCode(wrappedKeyset);
    }

    @Override
    public String toString() {
        return "WrappedDataKey[" + scope + ", v" + version + ", kek=" + kekVersion + "]";
    }
}
