package dev.pdvault.domain.keys.api;

/** An erasure cannot be said to reach backups while a KEK version that wrapped its keys is not destroyed. */
public class KekVersionNotDestroyedException extends RuntimeException {

    public KekVersionNotDestroyedException(KekVersion version) {
        super("KEK version " + version.value() + " is not recorded as destroyed", null, false, false);
    }
}
