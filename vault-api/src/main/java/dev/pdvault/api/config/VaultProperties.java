package dev.pdvault.api.config;

import dev.pdvault.api.kms.KekProvider;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Every {@code vault.*} setting, validated at start-up. The reference with defaults is docs/configuration.md.
 * {@code region} is where this vault and its keys are (ISO 3166): data of mainland-China subjects is kept
 * only by a vault whose region is CN.
 */
@Validated
@ConfigurationProperties("vault")
public record VaultProperties(@Valid @NotNull Kek kek, @Valid @NotNull Crypto crypto, @Valid @NotNull Limits limits,
                              @Valid @NotNull Detokenize detokenize, @Valid @NotNull Collect collect,
                              @Valid Security security, @Valid Passwords passwords,
                              @DefaultValue("CN") String region, @Valid Requests requests) {

    public VaultProperties {
        if (security == null) {
            security = new Security(List.of());
        }
        if (passwords == null) {
            passwords = Passwords.OWASP;
        }
        if (requests == null) {
            requests = Requests.DEFAULT;
        }
    }

    /**
     * Data-subject requests: a subject's request of a kind is refused as excessive repetition when
     * {@code repetitionLimit} of that kind were already received within {@code repetitionWindow}; an open request
     * is near its due date within {@code nearDue} of it.
     */
    public record Requests(@Min(1) int repetitionLimit, @NotNull Duration repetitionWindow, @NotNull Duration nearDue) {

        public static final Requests DEFAULT = new Requests(3, Duration.ofDays(30), Duration.ofDays(3));
    }

    /**
     * Where the key-encryption keys come from ({@code provider}: a local file for development, AWS KMS, Cloud KMS or
     * Vault Transit; without it, KMS key URIs by their scheme, else the local file); how old the primary KEK version
     * may get before the next KEK epoch rolls it over; how often a sealed vault retries its KEK, and how long one
     * KMS call may take.
     */
    public record Kek(Path localKeysetFile, @DefaultValue List<String> kmsKeyUris,
                      @DefaultValue("P30D") @NotNull Duration epochInterval, KekProvider provider,
                      @DefaultValue("true") boolean createMissingKeyset,
                      @DefaultValue("PT15S") @NotNull Duration unsealRetry,
                      @DefaultValue("PT10S") @NotNull Duration timeout,
                      @DefaultValue Aws aws, @DefaultValue Gcp gcp, @DefaultValue Transit transit) {
    }

    /** AWS KMS: an endpoint other than the region's public one, and the signing region (default: the key ARN's). */
    public record Aws(URI endpoint, String region) {
    }

    /** Cloud KMS: an endpoint other than cloudkms.googleapis.com, and a service-account file (default: ADC). */
    public record Gcp(URI endpoint, Path credentialsFile) {
    }

    /** Vault Transit: the Vault address, a token (from the environment only), the mount and the key name. */
    public record Transit(URI uri, String token, @DefaultValue("transit") String mount, String key) {

        @Override
        public String toString() {
            return "Transit[uri=" + uri + ", mount=" + mount + ", key=" + key + "]";
        }
    }

    /**
     * The cache of unwrapped data keys (bounded in size and time), and how many values one data key may seal
     * before it is rotated: AES-GCM with random 96-bit nonces is safe for at most 2^32 encryptions per key
     * (NIST SP 800-38D); the default, 2^30, keeps a fourfold margin for the seals in flight while the count is read
     * and for counts that start late (keys of before V12).
     */
    public record Crypto(@Min(1) long cacheMaxKeys, @NotNull Duration cacheTtl,
                         @DefaultValue("1073741824") @Min(1) @jakarta.validation.constraints.Max(4294967296L)
                         long maxEncryptionsPerKey) {
    }

    public record Limits(@Min(1024) int maxBodyBytes, @Min(1) int maxTokensPerRequest, @Min(1) int maxFieldsPerRecord) {
    }

    /**
     * Group commit of access records: how many requests share one transaction, how many commit at once, and how
     * many tokens must wait before a second batch starts while one is at work ({@code GroupCommitter}).
     */
    public record Detokenize(@Min(1) int maxBatch, @Min(1) int committers, @NotNull Duration timeout,
                             @Min(1) int parallelAbove) {
    }

    /**
     * Group commit of collections: how many records share one transaction, how many commit at once, and how many
     * records must wait before a second batch starts while one is at work.
     */
    public record Collect(@Min(1) int maxBatch, @Min(1) int committers, @NotNull Duration timeout,
                          @Min(1) int parallelAbove) {
    }

    /**
     * Argon2id cost of new password hashes; each stored hash keeps the parameters it was made with, so a change
     * applies to passwords set from then on and old ones still verify.
     */
    public record Passwords(@Min(7168) int memoryKib, @Min(1) int iterations, @Min(1) int parallelism) {

        /** OWASP's Password Storage Cheat Sheet: Argon2id with 19 MiB of memory, 2 iterations, 1 lane. */
        public static final Passwords OWASP = new Passwords(19456, 2, 1);
    }

    public record Security(@DefaultValue List<@Valid IdentityConfig> identities) {
    }

    /** A service identity: its API key is stored only as a SHA-256 hash. */
    /**
     * A service identity: its API key is stored only as a SHA-256 hash. {@code recipient} makes it a recipient's
     * identity (it sees only what was shared with that recipient); {@code region} is where it processes data
     * (default: the vault's region).
     */
    public record IdentityConfig(@NotNull String name, @NotNull String keySha256, @DefaultValue List<String> roles,
                                 @DefaultValue List<String> purposes, String recipient, String region) {
    }
}
