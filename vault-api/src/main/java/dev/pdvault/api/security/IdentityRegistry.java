package dev.pdvault.api.security;

import dev.pdvault.api.config.VaultProperties;
import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.shared.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.subject.api.Region;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The configured identities, found by the SHA-256 of the presented API key. The vault never stores a key,
 * only its hash. Purposes must exist in the catalogue, or the vault does not start.
 */
@Component
public class IdentityRegistry {

    private static final Logger log = LoggerFactory.getLogger(IdentityRegistry.class);
    private final Map<String, Identity> byKeyHash = new HashMap<>();

    public IdentityRegistry(VaultProperties properties, Catalogue catalogue) {
        for (VaultProperties.IdentityConfig config : properties.security().identities()) {
            Set<Role> roles = config.roles().stream().map(Role::valueOf).collect(Collectors.toSet());
            Set<Purpose> purposes = config.purposes().stream().map(p -> {
                if (catalogue.purpose(p).isEmpty()) {
                    throw new IllegalStateException("identity " + config.name() + " names an unknown purpose " + p);
                }
                return new Purpose(p);
            }).collect(Collectors.toSet());
            String hash = config.keySha256().toLowerCase();
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new IllegalStateException("identity " + config.name() + ": key-sha256 must be 64 hex digits");
            }
            Optional<Recipient> recipient = Optional.ofNullable(config.recipient()).map(r -> {
                if (catalogue.recipient(r).isEmpty()) {
                    throw new IllegalStateException("identity " + config.name() + " names an unknown recipient " + r);
                }
                return new Recipient(r);
            });
            String region = config.region() == null ? properties.region() : Region.of(config.region()).code();
            if (byKeyHash.put(hash, new Identity(new Caller(config.name()), roles, purposes, recipient, region))
                    != null) {
                throw new IllegalStateException("two identities share one API key");
            }
        }
        if (byKeyHash.isEmpty()) {
            log.warn("No identities configured (vault.security.identities): every request will be refused");
        }
    }

    /** Every configured identity, for the event feed's audience. */
    public Collection<Identity> identities() {
        return List.copyOf(byKeyHash.values());
    }

    public Optional<Identity> authenticate(String apiKey) {
        return Optional.ofNullable(byKeyHash.get(sha256(apiKey)));
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
