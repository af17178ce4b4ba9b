package dev.pdvault.crypto.bench;

import dev.pdvault.crypto.DataKey;
import dev.pdvault.crypto.DataKeys;
import dev.pdvault.crypto.InsecureLocalKeyEncryptionKeys;
import dev.pdvault.crypto.KeyScope;
import dev.pdvault.crypto.SealedValue;
import dev.pdvault.crypto.WrappedDataKey;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The vault's per-value crypto costs on one core: sealing and opening a 64-byte value with a subject's data
 * key (Tink AES256-GCM with associated data), and unwrapping a data key with the KEK, uncached (every call
 * parses and decrypts the wrapped keyset) and cached (the lookup a detokenization pays per token).
 *
 * <p>Run: {@code mvn -q -pl crypto -Pjmh test-compile exec:exec} (see docs/benchmarks.md), or
 * {@code bench/run --jmh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CryptoBenchmark {

    private static final String FIELD = "consignee_name";
    private static final String TOKEN = "tok_5k0ymwnk209ycfsawjyfekfcyg";

    private Path dir;
    private DataKeys cached;
    private DataKeys uncached;
    private WrappedDataKey wrapped;
    private DataKey key;
    private byte[] value;
    private SealedValue sealed;
    private long version;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("pdvault-jmh");
        InsecureLocalKeyEncryptionKeys keks = InsecureLocalKeyEncryptionKeys.loadOrGenerate(dir.resolve("kek.json"));
        cached = new DataKeys(keks, 100_000, Duration.ofMinutes(10));
        // A one-entry cache, and a new version for every call (below): every unwrap misses.
        uncached = new DataKeys(keks, 1, Duration.ofMinutes(10));
        wrapped = cached.generate(new KeyScope("f821375c-60f6-456d-9697-cff635389afb", "transaction"));
        key = cached.unwrap(wrapped);
        value = new byte[64];
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) ('a' + i % 26);
        }
        sealed = key.seal(FIELD, TOKEN, value);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public SealedValue seal64() {
        return key.seal(FIELD, TOKEN, value);
    }

    @Benchmark
    public byte[] open64() {
        return key.open(FIELD, TOKEN, sealed);
    }

    @Benchmark
    public DataKey unwrapUncached() {
        return uncached.unwrap(new WrappedDataKey(wrapped.scope(), ++version, wrapped.kekVersion(),
                wrapped.wrappedKeyset()));
    }

    @Benchmark
    public DataKey unwrapCached() {
        return cached.unwrap(wrapped);
    }
}
