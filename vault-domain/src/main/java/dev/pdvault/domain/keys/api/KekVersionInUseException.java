package dev.pdvault.domain.keys.api;

/** A KEK version cannot be destroyed while live data keys are still wrapped by it: they would be lost. */
public class KekVersionInUseException extends RuntimeException {

    private final KekVersion version;
    private final long liveDataKeys;

    public KekVersionInUseException(KekVersion version, long liveDataKeys) {
        super("KEK version " + version.value() + " still wraps " + liveDataKeys + " live data key(s)", null, false,
                false);
        this.version = version;
        this.liveDataKeys = liveDataKeys;
    }

    public KekVersion version() {
        return version;
    }

    public long liveDataKeys() {
        return liveDataKeys;
    }
}
