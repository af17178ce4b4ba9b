package dev.pdvault.api.kms;

import com.google.crypto.tink.Aead;
import dev.pdvault.crypto.KeyEncryptionKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sealed until the KEK works. The vault starts whether or not its KEK can be loaded and used; while it cannot,
 * the vault is sealed: every route but health answers 503 {@code vault-sealed} with the cause, health reports
 * {@code OUT_OF_SERVICE}, and a retry runs every {@code vault.kek.unseal-retry}. "Works" means the KEK source
 * loaded and the primary version encrypted and decrypted a random probe: constructing a KMS client contacts no
 * KMS, so only the probe proves that the KMS answers and accepts the vault's credentials.
 *
 * <p>Once unsealed the vault stays unsealed; a KMS that fails later makes the calls that need it fail.
 */
public final class VaultSeal implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VaultSeal.class);
    private static final byte[] PROBE_AD = "pdvault-kek-probe".getBytes(StandardCharsets.US_ASCII);

    private final KekProvider provider;
    private final Supplier<KeyEncryptionKeys> loader;
    private final Duration retry;
    private final ApplicationEventPublisher events;
    private final ScheduledExecutorService retries;
    private volatile KeyEncryptionKeys keys;
    private volatile String cause;

    public VaultSeal(KekProvider provider, Supplier<KeyEncryptionKeys> loader, Duration retry,
                     ApplicationEventPublisher events) {
        this.provider = provider;
        this.loader = loader;
        this.retry = retry;
        this.events = events;
        this.retries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "kek-unseal");
            t.setDaemon(true);
            return t;
        });
        attempt();
        if (keys == null) {
            log.error("\n{}\n*** VAULT SEALED: {}\n*** Every route but /actuator/health answers 503 vault-sealed."
                            + " Retrying every {} (docs/operations.md, \"Sealed start\").\n{}",
                    "!".repeat(100), cause, retry, "!".repeat(100));
        }
    }

    /** Starts the retries, or announces the KEK, once the application is up (and its database migrated). */
    @EventListener(ApplicationReadyEvent.class)
    @org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
    public void applicationReady() {
        if (keys != null) {
            events.publishEvent(new KekUnsealed(keys.describe()));
        } else {
            retries.scheduleWithFixedDelay(this::retry, retry.toMillis(), retry.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void retry() {
        if (keys != null) {
            return;
        }
        attempt();
        if (keys == null) {
            log.error("VAULT STILL SEALED: {}; next try in {}", cause, retry);
            return;
        }
        log.warn("\n{}\n*** VAULT UNSEALED: the key-encryption key ({}) is usable again.\n{}", "=".repeat(100),
                keys.describe(), "=".repeat(100));
        events.publishEvent(new KekUnsealed(keys.describe()));
        retries.shutdown();
    }

    private synchronized void attempt() {
        if (keys != null) {
            return;
        }
        try {
            KeyEncryptionKeys loaded = loader.get();
            probe(loaded);
            keys = loaded;
            cause = null;
        } catch (RuntimeException e) {
            cause = Causes.describe(provider, e);
        }
    }

    private static void probe(KeyEncryptionKeys keys) {
        byte[] probe = new byte[16];
        new SecureRandom().nextBytes(probe);
        try {
            Aead aead = keys.aead(keys.primaryVersion());
            if (!Arrays.equals(aead.decrypt(aead.encrypt(probe, PROBE_AD), PROBE_AD), probe)) {
                throw new KekUnavailableException("the KEK did not return the probe it encrypted");
            }
        } catch (GeneralSecurityException e) {
            throw new ProbeFailed(e);
        }
    }

    /** A probe the KEK refused or could not answer; unwrapped by {@link Causes}. */
    static final class ProbeFailed extends RuntimeException {
        ProbeFailed(GeneralSecurityException cause) {
            super("probe failed", cause);
        }
    }

    public boolean sealed() {
        return keys == null;
    }

    /** Why the vault is sealed, safe to show to any caller; null when unsealed. */
    public String cause() {
        return cause;
    }

    public KekProvider provider() {
        return provider;
    }

    public Duration retryInterval() {
        return retry;
    }

    /** The KEKs, or null while sealed. */
    public KeyEncryptionKeys current() {
        return keys;
    }

    /** The KEKs, or {@link KekUnavailableException} while sealed. */
    public KeyEncryptionKeys keys() {
        KeyEncryptionKeys current = keys;
        if (current == null) {
            throw new KekUnavailableException("the vault is sealed: " + cause);
        }
        return current;
    }

    @Override
    public void destroy() {
        retries.shutdownNow();
    }
}
