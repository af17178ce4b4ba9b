package dev.pdvault.api.keys;

import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.WrappedDataKey;
import dev.pdvault.domain.keys.api.RecordDataKeyRotation;
import dev.pdvault.domain.keys.api.RotationReason;
import dev.pdvault.domain.policy.KeyClass;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.subject.api.SubjectId;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Rotation of subjects' data keys: a new primary key in the keyset (older keys stay, so older values still open),
 * stored as the next version of the key row, recorded as {@code DataKeyRotated} and announced to every node's
 * cache, all in one transaction. Three triggers: a security officer for one subject ({@code MANUAL}) or for every
 * live key ({@code ALL}, in batches), and the count: a seal that would take a key past
 * {@code vault.crypto.max-encryptions-per-key} rotates it first ({@code THRESHOLD}).
 *
 * <p>Rotation needs no {@link KeyFence}: it removes no key, so an access that read the previous row still opens
 * what it read, and an erasure that comes after it destroys the rotated row like any other.
 */
@Service
public class DataKeyRotation {

    private static final Logger log = LoggerFactory.getLogger(DataKeyRotation.class);
    private static final int BATCH = 200;
    static final Caller THRESHOLD = Caller.of("vault-encryption-limit");

    /** One key rotated. */
    public record Rotation(String subjectId, String keyClass, long newVersion, long newKeyId) {
    }

    /** What a rotation of every key did. */
    public record AllRotated(long rotated, long failed) {
    }

    private final DataKeyStore store;
    private final CommandGateway commands;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final MeterRegistry meters;
    private final long maxEncryptionsPerKey;

    public DataKeyRotation(DataKeyStore store, CommandGateway commands, TransactionTemplate transactions, Clock clock,
                           MeterRegistry meters, VaultProperties properties) {
        this.store = store;
        this.commands = commands;
        this.transactions = transactions;
        this.clock = clock;
        this.meters = meters;
        this.maxEncryptionsPerKey = properties.crypto().maxEncryptionsPerKey();
    }

    public long maxEncryptionsPerKey() {
        return maxEncryptionsPerKey;
    }

    /**
     * The key to seal {@code seals} more values with: {@code current} itself, or, when those seals would take its
     * primary key past the limit, the key rotated first (by this request or a concurrent one). The limit holds up to
     * the seals in flight while the count was read, which the default's margin below 2^32 covers.
     */
    public WrappedDataKey withRoomFor(DataKeyStore.CurrentKey current, int seals) {
        if (current.encryptions() + seals <= maxEncryptionsPerKey) {
            return current.wrapped();
        }
        KeyScope scope = current.wrapped().scope();
        transactions.executeWithoutResult(tx -> store.rotate(scope, current.primaryKeyId(), clock.instant())
                .ifPresent(r -> recorded(r, RotationReason.THRESHOLD, THRESHOLD)));
        return store.current(scope).map(DataKeyStore.CurrentKey::wrapped).orElse(current.wrapped());
    }

    /**
     * The scope's live key, with room for this many more seals ({@link #withRoomFor}); empty when the scope has
     * no key yet.
     *
     * @throws dev.pdvault.crypto.KeyDestroyedException when the scope's key was destroyed
     */
    public java.util.Optional<WrappedDataKey> existingWithRoomFor(KeyScope scope, int seals) {
        return store.current(scope).map(current -> withRoomFor(current, seals));
    }

    /** Rotates every live key of the subject, in one transaction; nothing if it has none. */
    public List<Rotation> rotate(SubjectId subject, Caller caller) {
        List<Rotation> done = transactions.execute(tx -> {
            List<Rotation> rotations = new ArrayList<>();
            for (String keyClass : store.liveKeyClasses(subject)) {
                store.rotate(new KeyScope(subject.value(), keyClass), null, clock.instant())
                        .ifPresent(r -> rotations.add(recorded(r, RotationReason.MANUAL, caller)));
            }
            return rotations;
        });
        log.info("Data keys of a subject rotated: {}", done.size());
        return done;
    }

    /**
     * Rotates every live data key of the vault, {@value #BATCH} keys per transaction, in key order. A key that
     * cannot be rotated (its KEK version unusable) is counted and left as it is.
     */
    public AllRotated rotateAll(Caller caller) {
        long rotated = 0;
        long failed = 0;
        UUID lastSubject = new UUID(0, 0);
        String lastClass = "";
        while (true) {
            List<KeyScope> batch = store.liveKeysAfter(lastSubject, lastClass, BATCH);
            if (batch.isEmpty()) {
                break;
            }
            long[] counts;
            try {
                counts = transactions.execute(tx -> {
                    long n = 0;
                    for (KeyScope scope : batch) {
                        Optional<DataKeyStore.Rotated> r = store.rotate(scope, null, clock.instant());
                        if (r.isPresent()) {
                            recorded(r.get(), RotationReason.ALL, caller);
                            n++;
                        }
                    }
                    return new long[]{n};
                });
                rotated += counts[0];
            } catch (RuntimeException e) {
                log.error("Rotation of a batch of {} data keys failed ({}); rotating them one by one", batch.size(),
                        e.getClass().getName());
                for (KeyScope scope : batch) {
                    try {
                        transactions.executeWithoutResult(tx -> store.rotate(scope, null, clock.instant())
                                .ifPresent(r -> recorded(r, RotationReason.ALL, caller)));
                        rotated++;
                    } catch (RuntimeException one) {
                        failed++;
                    }
                }
            }
            KeyScope last = batch.get(batch.size() - 1);
            lastSubject = UUID.fromString(last.subjectId());
            lastClass = last.keyClass();
        }
        log.info("Every data key rotated: {} rotated, {} failed", rotated, failed);
        return new AllRotated(rotated, failed);
    }

    private Rotation recorded(DataKeyStore.Rotated r, RotationReason reason, Caller caller) {
        commands.sendAndWait(new RecordDataKeyRotation(SubjectId.of(r.scope().subjectId()),
                KeyClass.of(r.scope().keyClass()), r.wrapped().version(), r.newKeyId(), reason, caller,
                clock.instant()));
        meters.counter("vault.data_keys.rotations", "reason", reason.name().toLowerCase()).increment();
        return new Rotation(r.scope().subjectId(), r.scope().keyClass(), r.wrapped().version(), r.newKeyId());
    }
}
