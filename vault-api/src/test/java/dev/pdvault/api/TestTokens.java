package dev.pdvault.api;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Test only: an issuer of JWTs for the integration tests, with an RSA key pair made for this test run. The vault
 * trusts its public key ({@link #publicKeyFile()}); {@link #OTHER} is a key pair the vault does not know.
 */
public final class TestTokens {

    public static final String ISSUER = "https://issuer.test.pdvault.dev";
    public static final String AUDIENCE = "pdvault-it";
    public static final TestTokens TRUSTED = new TestTokens();
    public static final TestTokens OTHER = new TestTokens();

    private final KeyPair keys;
    private Path publicKeyFile;

    private TestTokens() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            keys = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public synchronized Path publicKeyFile() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("pdvault-it-issuer", ".pem");
                Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(keys.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return publicKeyFile;
    }

    /** A token of the test issuer for the vault's audience, valid for an hour from now. */
    public String mint(String subject, Map<String, Object> claims) {
        return mint(subject, claims, ISSUER, List.of(AUDIENCE), Instant.now().plus(Duration.ofHours(1)));
    }

    public String mint(String subject, Map<String, Object> claims, String issuer, List<String> audiences,
                       Instant expires) {
        JWTClaimsSet.Builder set = new JWTClaimsSet.Builder().subject(subject).issuer(issuer).audience(audiences)
                .issueTime(Date.from(Instant.now().minusSeconds(5))).expirationTime(Date.from(expires));
        claims.forEach(set::claim);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), set.build());
        try {
            jwt.sign(new RSASSASigner(keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** A token of the test issuer with these roles and purposes and nothing else. */
    public String withRoles(String subject, List<String> roles, List<String> purposes) {
        return mint(subject, Map.of("vault_roles", roles, "vault_purposes", purposes));
    }
}
