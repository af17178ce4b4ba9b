package dev.pdvault.api.security;

import dev.pdvault.domain.policy.Catalogue;
import dev.pdvault.domain.policy.Purpose;
import dev.pdvault.domain.policy.Recipient;
import dev.pdvault.domain.shared.Caller;
import dev.pdvault.domain.shared.Ids;
import dev.pdvault.domain.subject.api.Region;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The identity a verified token speaks for, from its claims (names in {@link SecuritySettings.Jwt}): its name, its
 * roles, the purposes it may detokenize for, the recipient it speaks for and its region. A token naming a role,
 * purpose or recipient the vault does not know is refused whole: an issuer that grants what the vault cannot check
 * is misconfigured, and guessing would be elevation.
 */
final class JwtIdentities {

    private final SecuritySettings.Jwt claims;
    private final Catalogue catalogue;
    private final String vaultRegion;

    JwtIdentities(SecuritySettings.Jwt claims, Catalogue catalogue, String vaultRegion) {
        this.claims = claims;
        this.catalogue = catalogue;
        this.vaultRegion = vaultRegion;
    }

    Identity identity(Jwt jwt) {
        String name = jwt.getClaimAsString(claims.nameClaim());
        if (name == null || !Ids.isName(name)) {
            throw refused("the token's name claim is missing or not a valid identity name");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String role : strings(jwt, claims.rolesClaim())) {
            try {
                roles.add(Role.valueOf(role));
            } catch (IllegalArgumentException e) {
                throw refused("the token names a role the vault does not know");
            }
        }
        Set<Purpose> purposes = new LinkedHashSet<>();
        for (String purpose : strings(jwt, claims.purposesClaim())) {
            purposes.add(catalogue.purpose(purpose).orElseThrow(
                    () -> refused("the token names a purpose the catalogue does not know")).purpose());
        }
        Optional<Recipient> recipient = Optional.ofNullable(jwt.getClaimAsString(claims.recipientClaim())).map(r ->
                catalogue.recipient(r).orElseThrow(() -> refused("the token names an unknown recipient")).recipient());
        String region = vaultRegion;
        String claimed = jwt.getClaimAsString(claims.regionClaim());
        if (claimed != null) {
            try {
                region = Region.of(claimed).code();
            } catch (RuntimeException e) {
                throw refused("the token's region is not a region code");
            }
        }
        return new Identity(new Caller(name), roles, purposes, recipient, region);
    }

    private static List<String> strings(Jwt jwt, String claim) {
        if (!jwt.hasClaim(claim)) {
            return List.of();
        }
        Object value = jwt.getClaim(claim);
        if (!(value instanceof Collection<?> values) || !values.stream().allMatch(String.class::isInstance)) {
            throw refused("the token's " + claim + " claim is not a list of names");
        }
        return values.stream().map(String.class::cast).toList();
    }

    private static InvalidBearerTokenException refused(String why) {
        return new InvalidBearerTokenException(why);
    }
}
