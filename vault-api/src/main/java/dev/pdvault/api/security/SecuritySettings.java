package dev.pdvault.api.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How identities authenticate and how much they may ask, under {@code vault.security} (the API-key identities
 * themselves are {@code vault.security.identities}, in {@code VaultProperties}). Reference: docs/configuration.md.
 */
@Validated
@ConfigurationProperties("vault.security")
public record SecuritySettings(@DefaultValue @Valid ApiKeys apiKeys, @DefaultValue @Valid Jwt jwt,
                               @DefaultValue @Valid RateLimit rateLimit, @DefaultValue @Valid Anomaly anomaly,
                               @DefaultValue @Valid Denials denials) {

    /** API keys (their SHA-256 in {@code vault.security.identities}): on in the dev profile, off unless enabled. */
    public record ApiKeys(@DefaultValue("false") boolean enabled) {
    }

    /**
     * OAuth2 bearer tokens (JWT), on when {@code issuer} is set. Keys come from {@code jwkSetUri}, else
     * {@code publicKeyLocation} (an RSA public key, PEM), else the issuer's OpenID discovery document. A token must
     * name the issuer and one of the {@code audiences}; the identity comes from the named claims.
     */
    public record Jwt(String issuer, URI jwkSetUri, Resource publicKeyLocation, @DefaultValue List<String> audiences,
                      @DefaultValue("sub") String nameClaim, @DefaultValue("vault_roles") String rolesClaim,
                      @DefaultValue("vault_purposes") String purposesClaim,
                      @DefaultValue("vault_recipient") String recipientClaim,
                      @DefaultValue("vault_region") String regionClaim,
                      @DefaultValue("PT30S") @NotNull Duration clockSkew) {

        public boolean enabled() {
            return issuer != null && !issuer.isBlank();
        }
    }

    /**
     * Token buckets per identity: {@code requests} per {@code per}, at most {@code burst} at once. {@code identities}
     * overrides the default for named identities.
     */
    public record RateLimit(@DefaultValue("true") boolean enabled, @DefaultValue @Valid Limit defaults,
                            @DefaultValue Map<String, @Valid Limit> identities) {
    }

    public record Limit(@DefaultValue("10000") @Min(1) long requests, @DefaultValue("PT1S") @NotNull Duration per,
                        @DefaultValue("20000") @Min(1) long burst) {
    }

    /** The detokenization volume rule ({@code VolumeRule}): EWMA weight, factor, floor and warm-up. */
    public record Anomaly(@DefaultValue("0.1") @DecimalMax("1") double alpha, @DefaultValue("5") double factor,
                          @DefaultValue("1000") @Min(0) long minTokens, @DefaultValue("30") @Min(1) long warmUpMinutes) {
    }

    /**
     * Denials are recorded one by one for the first of each requester, route and cause in a minute, and counted
     * after that; at most {@code maxTrackedPerMinute} requesters are told apart in one minute, the rest are counted
     * together as source {@code overflow}.
     */
    public record Denials(@DefaultValue("1000") @Min(1) int maxTrackedPerMinute) {
    }
}
